/**
 * The organization's identity provider configuration (IAM Identity Center) as pure decisions.
 *
 * Ownership (DESIGN.md §8): the live object is the organization's one configuration. The stack
 * owns it when the configuration was absent at Create, or when the user passed `adoptExisting`.
 * The configuration keeps nothing that could name its owner, so the resource that wrote it is
 * recorded in the organization tag `cdk-workmail:identity-provider`. What was there before is
 * recorded in the physical id, with the Identity Center application the handler created (if
 * any), because a Delete is handed nothing else:
 *
 *   `<organization>|identity-provider|<created application ARN or ->|none`
 *   `<organization>|identity-provider|<created application ARN or ->|unknown`
 *   `<organization>|identity-provider|<created application ARN or ->|<mode>|<instance>|<application>|<status>|<days or ->`
 *
 * ARNs, modes and statuses hold no `|`, so the encoding is unambiguous. Removal restores the
 * recorded configuration (or deletes the configuration when there was none) only while the live
 * one is still the one this resource wrote. `unknown`: the resource took the configuration over
 * from another resource of the stack (a construct moved to a new logical id), whose physical id
 * holds what was there before; its removal leaves the configuration.
 */
import { IdentityProviderResourceProperties } from '../../private/identity-center-properties';
import { DeploymentError } from '../shared/errors';
import { adoptionRefused, Ownership } from '../shared/ownership';
import { parseBoolean, parseNumber } from '../shared/properties';
import { parsePhysicalId as parseRuleId } from '../shared/rules';

/** One identity provider configuration, as Put writes it and Describe reads it. */
export interface Configuration {
  readonly authenticationMode: string;
  readonly instanceArn: string;
  readonly applicationArn: string;
  readonly tokenStatus: string;
  /** Undefined: tokens never expire. */
  readonly tokenLifetimeInDays?: number;
}

/** What the properties ask for; `applicationArn` is undefined when the handler creates the application. */
export interface Desired extends Omit<Configuration, 'applicationArn'> {
  readonly organizationId: string;
  readonly applicationArn?: string;
  readonly applicationName?: string;
  readonly adoptExisting: boolean;
}

/** What a physical id records. */
export interface Recorded {
  readonly organizationId: string;
  /** The application this resource created, which its removal deletes once nothing uses it. */
  readonly createdApplicationArn?: string;
  /** The configuration before this resource first wrote; undefined: there was none; `unknown`: taken over from the stack. */
  readonly previous?: Configuration | typeof UNKNOWN;
}

export type Operation =
  | { readonly kind: 'PutIdentityProviderConfiguration'; readonly organizationId: string; readonly configuration: Configuration }
  | { readonly kind: 'DeleteIdentityProviderConfiguration'; readonly organizationId: string }
  | { readonly kind: 'DeleteIdentityCenterApplication'; readonly applicationArn: string };

const MARKER = 'identity-provider';
const NONE = 'none';
const UNKNOWN = 'unknown';
const ABSENT = '-';

/** The organization tag (after `cdk-workmail:`) that names the resource whose configuration it is. */
export const OWNER_TAG = MARKER;

export function parseDesired(properties: IdentityProviderResourceProperties): Desired {
  return {
    organizationId: properties.OrganizationId,
    instanceArn: properties.InstanceArn,
    applicationArn: properties.ApplicationArn || undefined,
    applicationName: properties.ApplicationName || undefined,
    authenticationMode: properties.AuthenticationMode,
    tokenStatus: properties.PersonalAccessTokenStatus,
    tokenLifetimeInDays: properties.PersonalAccessTokenLifetimeInDays === undefined
      ? undefined : parseNumber('PersonalAccessTokenLifetimeInDays', properties.PersonalAccessTokenLifetimeInDays, 0),
    adoptExisting: parseBoolean('AdoptExisting', properties.AdoptExisting, false),
  };
}

export function physicalId(recorded: Recorded): string {
  const previous = recorded.previous;
  return [
    recorded.organizationId, MARKER, recorded.createdApplicationArn ?? ABSENT,
    ...(previous === undefined || previous === UNKNOWN ? [previous ?? NONE] : [
      previous.authenticationMode, previous.instanceArn, previous.applicationArn, previous.tokenStatus,
      previous.tokenLifetimeInDays === undefined ? ABSENT : String(previous.tokenLifetimeInDays),
    ]),
  ].join('|');
}

/** What a physical id records; undefined for any other id (the marker a failed Create leaves). */
export function parsePhysicalId(id: string | undefined): Recorded | undefined {
  const parsed = parseRuleId(id, 3) ?? parseRuleId(id, 7);
  if (parsed === undefined || parsed.key[0] !== MARKER) {
    return undefined;
  }
  const [, created, ...rest] = parsed.key;
  const createdApplicationArn = created === ABSENT ? undefined : created;
  if (rest.length === 1) {
    return rest[0] === NONE || rest[0] === UNKNOWN
      ? { organizationId: parsed.organizationId, createdApplicationArn, ...rest[0] === UNKNOWN && { previous: UNKNOWN } } : undefined;
  }
  const [authenticationMode, instanceArn, applicationArn, tokenStatus, days] = rest;
  return {
    organizationId: parsed.organizationId,
    createdApplicationArn,
    previous: { authenticationMode, instanceArn, applicationArn, tokenStatus, tokenLifetimeInDays: days === ABSENT ? undefined : Number(days) },
  };
}

/** The configuration the desired properties write, with the application they use. */
export function configurationOf(desired: Desired, applicationArn: string): Configuration {
  return {
    authenticationMode: desired.authenticationMode,
    instanceArn: desired.instanceArn,
    applicationArn,
    tokenStatus: desired.tokenStatus,
    tokenLifetimeInDays: desired.tokenLifetimeInDays,
  };
}

export function sameConfiguration(a: Configuration | undefined, b: Configuration | undefined): boolean {
  return a !== undefined && b !== undefined
    && a.authenticationMode === b.authenticationMode && a.instanceArn === b.instanceArn && a.applicationArn === b.applicationArn
    && a.tokenStatus === b.tokenStatus && a.tokenLifetimeInDays === b.tokenLifetimeInDays;
}

/**
 * The application an Update in place uses: the one the properties name, else the one this
 * resource created, as long as it belongs to the desired instance. A new application would need
 * a new physical id to record it, and CloudFormation treats that as a replacement: rolling the
 * stack back would delete the new resource, whose Delete cannot tell the rollback from the
 * stack's removal and would restore what was there before the stack, not the configuration the
 * old resource wrote. So an Update that needs one is refused, before anything is changed.
 */
export function inPlaceApplication(desired: Desired, recorded: Recorded): string {
  if (desired.applicationArn !== undefined) {
    return desired.applicationArn;
  }
  const created = recorded.createdApplicationArn;
  if (created !== undefined && instanceId(created) === instanceId(desired.instanceArn)) {
    return created;
  }
  throw new DeploymentError(
    `IdentityCenter of organization ${desired.organizationId} would need a new WorkMail application in instance ${desired.instanceArn}`
    + (created === undefined ? ' (this resource has created none; it used the application its properties named)' : ` (the one it created, ${created}, belongs to another instance)`)
    + ': an update cannot replace the application and still roll back safely, so nothing was changed. '
    + `Either pass applicationArn with a WorkMail application of ${desired.instanceArn} (the console's Enable creates one), `
    + 'or remove the IdentityCenter in one deployment and add it back in the next.',
  );
}

/** The instance id an instance ARN (`...:instance/<id>`) or application ARN (`...:application/<id>/<application>`) names. */
const instanceId = (arn: string) => arn.split('/')[1];

/**
 * The application a Create uses: the one the properties name; else, taking the configuration
 * over from another resource of the stack (`found`), the one it uses when it is of the desired
 * instance, so that the old resource's Delete finds its application still in use and leaves it;
 * undefined: create one.
 */
export function applicationForCreate(desired: Desired, live: Configuration | undefined, found: Ownership): string | undefined {
  if (desired.applicationArn !== undefined) {
    return desired.applicationArn;
  }
  return found === 'stack' && live !== undefined && instanceId(live.applicationArn) === instanceId(desired.instanceArn) ? live.applicationArn : undefined;
}

/**
 * Create (or a move to another organization): decides what is recorded as the previous
 * configuration. A configuration another resource of the stack wrote (`found`, from the owner
 * tag) is taken over as `unknown`: that resource's physical id holds what was there before; so
 * is one this resource wrote (a redelivery), unless `ownWrite` tells what was there. One
 * this resource did not make is taken over only with `adoptExisting`. `ownWrite` is true when
 * the live configuration is exactly what this very request writes with an application it
 * created (a redelivered Create): the first delivery found no configuration, or it would have
 * been refused, so none is recorded.
 */
export function planCreate(
  desired: Desired,
  configuration: Configuration,
  live: Configuration | undefined,
  ownWrite: boolean,
  found: Ownership,
): Recorded & { operations: Operation[] } {
  const put: Operation = { kind: 'PutIdentityProviderConfiguration', organizationId: desired.organizationId, configuration };
  if (live === undefined || (ownWrite && sameConfiguration(live, configuration))) {
    return { organizationId: desired.organizationId, operations: [put] };
  }
  if (found === 'stack' || found === 'mine') {
    return { organizationId: desired.organizationId, previous: UNKNOWN, operations: [put] };
  }
  if (!desired.adoptExisting) {
    throw adoptionRefused(
      `The IAM Identity Center configuration of organization ${desired.organizationId} `
      + `(${live.authenticationMode}, instance ${live.instanceArn}, application ${live.applicationArn})`,
      'IdentityCenter',
      'leave the IdentityCenter out of the stack, and the organization keeps its configuration; or disable IAM Identity Center '
      + 'in the WorkMail console first. With adoptExisting, removing the construct restores the configuration exactly',
    );
  }
  return { organizationId: desired.organizationId, previous: live, operations: [put] };
}

/**
 * Removal gives back what was there, but only while the configuration is still this resource's
 * (`owned`: the owner tag names no other resource) and the live one is still the one it wrote: a
 * configuration changed outside, or taken over since by another resource of the stack
 * (CloudFormation creates a replacement before it deletes the old resource), stays, and so does
 * one taken over from the stack, whose previous configuration is unknown. The application this
 * resource created goes too, unless the configuration left in place uses it.
 */
export function planDelete(recorded: Recorded, written: Configuration, live: Configuration | undefined, owned: boolean): Operation[] {
  const operations: Operation[] = [];
  let remaining = live;
  if (owned && recorded.previous !== UNKNOWN && sameConfiguration(live, written)) {
    remaining = recorded.previous;
    operations.push(recorded.previous === undefined
      ? { kind: 'DeleteIdentityProviderConfiguration', organizationId: recorded.organizationId }
      : { kind: 'PutIdentityProviderConfiguration', organizationId: recorded.organizationId, configuration: recorded.previous });
  }
  const created = recorded.createdApplicationArn;
  if (created !== undefined && remaining?.applicationArn !== created) {
    operations.push({ kind: 'DeleteIdentityCenterApplication', applicationArn: created });
  }
  return operations;
}
