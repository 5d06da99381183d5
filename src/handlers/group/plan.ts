/** A group's own settings and members as pure decisions; registration is shared with users. */
import { GroupResourceProperties } from '../../private/entity-properties';
import { ActualEntity, parseRegistration, RegistrationSettings } from '../entity/plan';

export interface GroupSettings {
  readonly registration: RegistrationSettings;
  /** Entity ids of the members the stack manages. */
  readonly members: readonly string[];
}

export interface MembershipChanges {
  readonly associate: readonly string[];
  readonly disassociate: readonly string[];
}

/** A group is registered (enabled) exactly when it has an email address. */
export function parseGroupSettings(properties: GroupResourceProperties): GroupSettings {
  return { registration: parseRegistration(properties, true), members: properties.Members ?? [] };
}

/** UpdateGroup's one setting, when it differs from what WorkMail reports. */
export function planHidden(settings: GroupSettings, actual: ActualEntity): boolean | undefined {
  const hidden = settings.registration.hiddenFromGlobalAddressList;
  return hidden !== undefined && hidden !== (actual.hiddenFromGlobalAddressList ?? false) ? hidden : undefined;
}

/**
 * Members the stack lists and the group lacks are added; members the previous properties
 * listed and the new ones do not are removed. Members added outside the stack stay.
 */
export function planMembers(previous: readonly string[], next: readonly string[], actual: readonly string[]): MembershipChanges {
  return {
    associate: next.filter((id) => !actual.includes(id)),
    disassociate: previous.filter((id) => !next.includes(id) && actual.includes(id)),
  };
}
