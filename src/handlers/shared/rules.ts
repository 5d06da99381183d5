/** What the access rule handlers (access control, impersonation, mobile) have in common. */
import { IsCompleteResult } from './cfn';
import { DeploymentError } from './errors';
import { ORGANIZATION_ID_PATTERN } from '../../private/constants';


/**
 * The parts of a rule resource's physical id, `<organization id>|<key>|...`; undefined for
 * anything else (such as the marker id a failed Create leaves), which a Delete then ignores.
 */
export function parsePhysicalId(physicalResourceId: string | undefined, parts: number): { organizationId: string; key: string[] } | undefined {
  const [organizationId, ...key] = (physicalResourceId ?? '').split('|');
  if (!ORGANIZATION_ID_PATTERN.test(organizationId) || key.length !== parts || key.some((part) => part === '')) {
    return undefined;
  }
  return { organizationId, key };
}

/** Rule changes take effect when the call returns (the Test APIs see them at once): nothing to wait for. */
export async function completed(): Promise<IsCompleteResult> {
  return { IsComplete: true };
}

/** A list property: absent and empty are the same (WorkMail omits empty lists). */
export function list(values: readonly string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** A rule resource whose id WorkMail assigns: physical id `<organization>|<id>`. */
export interface AssignedId {
  readonly organizationId: string;
  readonly id: string;
}

export function assignedIdOf(physicalResourceId: string | undefined): AssignedId | undefined {
  const parsed = parsePhysicalId(physicalResourceId, 1);
  return parsed && { organizationId: parsed.organizationId, id: parsed.key[0] };
}

export type AssignedIdPlan =
  | { readonly kind: 'Create'; readonly organizationId: string }
  | { readonly kind: 'Update'; readonly organizationId: string; readonly id: string; readonly adopted?: boolean };

/**
 * Create and Update of a resource whose id WorkMail assigns: an Update changes it in place,
 * unless it moves to another organization, which needs a new one (CloudFormation then deletes
 * the old one, as for any new physical id). A Create told to adopt the live object `adoptId`
 * updates that one in place instead (WorkMail does not key these by name, so only an id can
 * name what to adopt).
 */
export function planCreateOrUpdate(
  requestType: 'Create' | 'Update',
  physicalResourceId: string | undefined,
  organizationId: string,
  adoptId?: string,
): AssignedIdPlan {
  const existing = requestType === 'Update' ? assignedIdOf(physicalResourceId) : undefined;
  if (existing && existing.organizationId === organizationId) {
    return { kind: 'Update', ...existing };
  }
  return adoptId ? { kind: 'Update', organizationId, id: adoptId, adopted: true } : { kind: 'Create', organizationId };
}

/**
 * The id a Create adopts: the given one when the properties ask to adopt. Asking to adopt
 * without an id is refused, since rules are not keyed by name.
 */
export function adoptedId(adopt: boolean, id: string | undefined, construct: string, idProperty: string): string | undefined {
  if (adopt && !id) {
    throw new DeploymentError(`${construct} with adoptExisting needs ${idProperty}: WorkMail does not key these by name, so only the id says which to adopt.`);
  }
  return adopt ? id : undefined;
}
