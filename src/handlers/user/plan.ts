/**
 * A user's attributes and password as pure decisions. Registration, aliases and deletion are
 * shared with groups (`../entity/plan`).
 */
import { USER_ATTRIBUTE_NAMES, UserAttributeName, UserResourceProperties } from '../../private/entity-properties';
import { ActualEntity, parseRegistration, RegistrationSettings } from '../entity/plan';
import { parseNumber } from '../shared/properties';

export interface UserSettings {
  readonly registration: RegistrationSettings;
  readonly role?: string;
  readonly attributes: Readonly<Partial<Record<UserAttributeName, string>>>;
  readonly passwordSecretArn?: string;
  readonly passwordSecretVersionId?: string;
  readonly mailboxQuota?: number;
}

export interface ActualUser extends ActualEntity {
  readonly role?: string;
  readonly attributes: Readonly<Partial<Record<UserAttributeName, string>>>;
}

/** The UpdateUser request members that must change, by their API names. */
export type UserChanges = Partial<Record<UserAttributeName | 'Role', string>> & { HiddenFromGlobalAddressList?: boolean };

export function parseUserSettings(properties: UserResourceProperties): UserSettings {
  return {
    registration: parseRegistration(properties, true),
    role: properties.Role || undefined,
    attributes: userAttributes(properties),
    passwordSecretArn: properties.PasswordSecretArn || undefined,
    passwordSecretVersionId: properties.PasswordSecretVersionId || undefined,
    mailboxQuota: properties.MailboxQuota === undefined ? undefined : parseNumber('MailboxQuota', properties.MailboxQuota, 0),
  };
}

/** The attributes the properties set: their own properties, or `Attributes` in templates of earlier versions. */
function userAttributes(properties: UserResourceProperties): Partial<Record<UserAttributeName, string>> {
  const own = USER_ATTRIBUTE_NAMES.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]);
  return { ...properties.Attributes, ...Object.fromEntries(own) };
}

/**
 * The UpdateUser members that differ from what WorkMail reports. An attribute the previous
 * properties set and the new ones do not is cleared (UpdateUser clears with ""); attributes
 * set outside the stack and never in it are left alone. Compared with the actual user, not the
 * old properties, so a rollback restores what was there.
 */
export function planAttributes(previous: UserSettings | undefined, next: UserSettings, actual: ActualUser): UserChanges | undefined {
  const changes: UserChanges = {};
  for (const name of USER_ATTRIBUTE_NAMES) {
    const desired = next.attributes[name] ?? (previous?.attributes[name] !== undefined ? '' : undefined);
    if (desired !== undefined && desired !== (actual.attributes[name] ?? '')) {
      changes[name] = desired;
    }
  }
  if (next.role !== undefined && next.role !== actual.role) {
    changes.Role = next.role;
  }
  const hidden = next.registration.hiddenFromGlobalAddressList;
  if (hidden !== undefined && hidden !== (actual.hiddenFromGlobalAddressList ?? false)) {
    changes.HiddenFromGlobalAddressList = hidden;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** The password is set again when the stack names another secret or another version of it. */
export function passwordChanged(previous: UserSettings, next: UserSettings): boolean {
  return next.passwordSecretArn !== undefined
    && (next.passwordSecretArn !== previous.passwordSecretArn || next.passwordSecretVersionId !== previous.passwordSecretVersionId);
}

/** The quota to set, when the properties ask for one WorkMail does not have yet. */
export function planMailboxQuota(next: UserSettings, actualQuota: number | undefined): number | undefined {
  return next.mailboxQuota !== undefined && next.mailboxQuota !== actualQuota ? next.mailboxQuota : undefined;
}

/**
 * Whether `actual` is what CreateUser made from these settings and nothing has touched since:
 * the attributes CreateUser sets hold exactly their values. A user someone else made or used
 * (a former employee's, deregistered) differs, if only in its display name.
 */
export function madeByCreateUser(settings: UserSettings, actual: ActualUser): boolean {
  const { registration, attributes } = settings;
  return (actual.attributes.DisplayName ?? '') === (attributes.DisplayName ?? registration.name)
    && (actual.attributes.FirstName ?? '') === (attributes.FirstName ?? '')
    && (actual.attributes.LastName ?? '') === (attributes.LastName ?? '')
    && (settings.role === undefined || actual.role === settings.role);
}
