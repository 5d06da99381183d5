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

/**
 * UpdateGroup's one setting, when it differs from what WorkMail reports. A setting the previous
 * properties made and the new ones drop goes back to WorkMail's default (shown), so a rollback
 * restores it; a group the properties never set is left as it is.
 */
export function planHidden(settings: GroupSettings, actual: ActualEntity, previous?: GroupSettings): boolean | undefined {
  const hidden = settings.registration.hiddenFromGlobalAddressList
    ?? (previous?.registration.hiddenFromGlobalAddressList !== undefined ? false : undefined);
  return hidden !== undefined && hidden !== (actual.hiddenFromGlobalAddressList ?? false) ? hidden : undefined;
}

