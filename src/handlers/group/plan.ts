/** A group's own settings and members as pure decisions; registration is shared with users. */
import { GroupResourceProperties } from '../../private/entity-properties';
import { ActualEntity, parseRegistration, RegistrationSettings } from '../entity/plan';

export interface GroupSettings {
  readonly registration: RegistrationSettings;
  /** Entity ids of the members the stack manages. */
  readonly members: readonly string[];
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

