/**
 * What users and groups share, as pure decisions: registration to WorkMail with a primary
 * address, aliases, deregistration before deletion, and telling an id from a failed Create.
 */
import { EntityResourceProperties } from '../../private/entity-properties';
import { DeploymentError } from '../shared/errors';
import { adoptionRefused } from '../shared/ownership';
import { parseBoolean, parseNumber } from '../shared/properties';

export type EntityKind = 'user' | 'group' | 'resource';
export type EntityState = 'ENABLED' | 'DISABLED' | 'DELETED';

/** The registration part of the properties, parsed. */
export interface RegistrationSettings {
  readonly organizationId: string;
  readonly name: string;
  /** Lower case: WorkMail compares addresses case-insensitively. */
  readonly email?: string;
  readonly enabled: boolean;
  readonly hiddenFromGlobalAddressList?: boolean;
  /** Lower case. */
  readonly aliases: readonly string[];
  readonly domainVerificationTimeoutSeconds: number;
}

/** What WorkMail reports about a user or group. */
export interface ActualEntity {
  readonly id: string;
  readonly name: string;
  readonly state: EntityState;
  /** Lower case. */
  readonly email?: string;
  readonly hiddenFromGlobalAddressList?: boolean;
}

export type RegistrationStep =
  | { readonly kind: 'RegisterToWorkMail'; readonly email: string }
  | { readonly kind: 'UpdatePrimaryEmailAddress'; readonly email: string }
  | { readonly kind: 'DeregisterFromWorkMail' }
  | { readonly kind: 'CreateAlias'; readonly alias: string }
  | { readonly kind: 'DeleteAlias'; readonly alias: string };

/** How long registration waits, by default, for the address's domain to be verified. */
export const DEFAULT_DOMAIN_VERIFICATION_TIMEOUT_SECONDS = 30 * 60;

export function parseRegistration(properties: EntityResourceProperties, enabledByDefault: boolean): RegistrationSettings {
  const email = properties.Email ? properties.Email.toLowerCase() : undefined;
  return {
    organizationId: properties.OrganizationId,
    name: properties.Name,
    email,
    enabled: parseBoolean('Enabled', properties.Enabled, enabledByDefault) && email !== undefined,
    hiddenFromGlobalAddressList: properties.HiddenFromGlobalAddressList === undefined
      ? undefined
      : parseBoolean('HiddenFromGlobalAddressList', properties.HiddenFromGlobalAddressList, false),
    aliases: (properties.Aliases ?? []).map((alias) => alias.toLowerCase()),
    domainVerificationTimeoutSeconds: parseNumber('DomainVerificationTimeout', properties.DomainVerificationTimeout,
      DEFAULT_DOMAIN_VERIFICATION_TIMEOUT_SECONDS),
  };
}

/**
 * WorkMail ids of users and groups are UUIDs (WorkMail directory) or SIDs (AD), resource ids
 * `r-` and 32 hexadecimal digits. Anything else as a physical id is what the provider framework
 * left after a failed Create.
 */
export function isEntityId(physicalResourceId: string | undefined): physicalResourceId is string {
  return physicalResourceId !== undefined
    && (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(physicalResourceId)
      || /^S-1-[0-9-]+$/.test(physicalResourceId)
      || /^r-[0-9a-f]{32}$/.test(physicalResourceId));
}

/**
 * Create has no client token, so it looks the name up first. A live entity with the name is
 * taken over only when the properties say `adopt`, or when it is what an earlier delivery of
 * this very Create made (`madeByThisCreate`: disabled, never given an address, and holding what
 * the create call sets): onEvent does nothing after the create call, so a redelivery finds that
 * and nothing more. Anything else belongs to someone else, and taking it over would change a
 * mailbox this stack does not own.
 */
export function planCreate(
  kind: EntityKind,
  settings: RegistrationSettings,
  existing: ActualEntity | undefined,
  adopt: boolean,
  madeByThisCreate: boolean,
): 'create' | 'adopt' | 'finish' {
  if (existing === undefined || existing.state === 'DELETED') {
    return 'create';
  }
  if (adopt) {
    return 'adopt';
  }
  if (existing.state === 'DISABLED' && existing.email === undefined && madeByThisCreate) {
    return 'finish';
  }
  const Construct = kind.charAt(0).toUpperCase() + kind.slice(1);
  throw adoptionRefused(
    `A WorkMail ${kind} named ${settings.name} in organization ${settings.organizationId} `
    + `(id ${existing.id}, state ${existing.state}${existing.email ? `, email ${existing.email}` : ''})`,
    Construct,
    `${Construct}.from${Construct}Id(this, '${Construct}', '${existing.id}')`,
  );
}

/**
 * An adopted entity whose properties name no address keeps its registration: adoption changes
 * nothing the properties do not name.
 */
export function keepsRegistration(settings: RegistrationSettings, adopt: boolean): boolean {
  return adopt && settings.email === undefined;
}

/**
 * The steps that bring registration and aliases to what the properties ask for, from what
 * WorkMail reports. Run again after each step until empty, so a redelivered request or a
 * retry after a throttled call resumes where it stopped.
 *
 * Aliases the previous properties listed and the new ones do not are removed; aliases added
 * outside the stack are kept. Deletions come first, so that an address can move from alias to
 * primary address in one update.
 */
export function planRegistration(
  settings: RegistrationSettings,
  previousAliases: readonly string[],
  actual: ActualEntity,
  actualAliases: readonly string[],
): RegistrationStep[] {
  if (!settings.enabled) {
    return actual.state === 'ENABLED' ? [{ kind: 'DeregisterFromWorkMail' }] : [];
  }
  const removed = new Set(previousAliases.filter((alias) => !settings.aliases.includes(alias)));
  if (settings.email !== undefined) {
    removed.add(settings.email);
  }
  const steps: RegistrationStep[] = [...removed]
    .filter((alias) => actualAliases.includes(alias))
    .map((alias) => ({ kind: 'DeleteAlias', alias }));
  if (actual.state === 'DISABLED') {
    steps.push({ kind: 'RegisterToWorkMail', email: settings.email! });
  } else if (actual.email !== settings.email) {
    steps.push({ kind: 'UpdatePrimaryEmailAddress', email: settings.email! });
  }
  steps.push(...settings.aliases
    .filter((alias) => !actualAliases.includes(alias))
    .map((alias) => ({ kind: 'CreateAlias', alias } as const)));
  return steps;
}

/**
 * Links the stack manages (group members, resource delegates): those it lists and WorkMail
 * lacks are added; those the previous properties listed and the new ones do not are removed.
 * Links made outside the stack stay.
 */
export function planLinks(previous: readonly string[], next: readonly string[], actual: readonly string[]): LinkChanges {
  return {
    add: next.filter((id) => !actual.includes(id)),
    remove: previous.filter((id) => !next.includes(id) && actual.includes(id)),
  };
}

export interface LinkChanges {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/**
 * WorkMail cannot rename a user or group (UpdateUser and UpdateGroup take no name), and
 * replacing one would delete its mailbox and memberships. So a rename fails before anything
 * changes. Compared with the actual name, so the rollback of a refused update succeeds.
 */
export function checkRename(kind: 'user' | 'group', settings: RegistrationSettings, actual: ActualEntity): void {
  if (settings.name.toLowerCase() !== actual.name.toLowerCase()) {
    throw new DeploymentError(
      `Refusing to rename WorkMail ${kind} ${actual.name} (${actual.id}) to ${settings.name}: WorkMail cannot rename a ${kind}, `
      + `and replacing it would delete its ${kind === 'user' ? 'mailbox' : 'address and memberships'}. Revert the name. `
      + `To move to a new name, add a second ${kind} with the new name, move what the old one holds to it, then remove the old one`
      + `${kind === 'user' ? ' (MailboxExport exports the mail); to change the name people see, change displayName instead' : ''}.`,
    );
  }
}

/**
 * Deletion: WorkMail refuses to delete an enabled entity, so onEvent deregisters it and
 * isComplete waits until WorkMail reports it DISABLED, then deletes it.
 */
export function planDeletion(
  phase: 'onEvent' | 'isComplete',
  actual: ActualEntity | undefined,
): 'done' | 'deregister' | 'wait' | 'delete' {
  if (actual === undefined || actual.state === 'DELETED') {
    return 'done';
  }
  if (actual.state === 'ENABLED') {
    return phase === 'onEvent' ? 'deregister' : 'wait';
  }
  return 'delete';
}

/**
 * Registration waits for the address's domain to be verified until `deadline` (epoch ms);
 * after that the wait fails with what to do.
 */
export function domainNotVerified(settings: RegistrationSettings, now: number, deadline: number): 'wait' {
  if (now < deadline) {
    return 'wait';
  }
  const domain = settings.email?.split('@')[1];
  throw new DeploymentError(
    `The mail domain ${domain} of ${settings.email} is still not verified after ${settings.domainVerificationTimeoutSeconds} seconds, `
    + `so WorkMail cannot give ${settings.name} this address. Publish the DNS records the WorkMail console lists for ${domain} `
    + '(a Domain construct with a hostedZone does this), wait until the domain shows Verified, and deploy again.',
  );
}
