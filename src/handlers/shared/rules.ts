/** What the access rule handlers (access control, impersonation, mobile) have in common. */
import { IsCompleteResult } from './cfn';
import { DeploymentError } from './errors';
import { digest, ownership } from './ownership';
import { ORGANIZATION_ID_PATTERN } from '../../private/constants';
import { readOwnerMarker } from '../../private/ownership-properties';

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

/**
 * The last part of the physical id of a rule or override keyed by name that the resource found
 * already holding exactly its properties, and left as it was (no write, no owner marker):
 * `found-<digest of that content>`. Until the resource writes other content, the object is what
 * the organization had, and a Delete leaves it; an Update (or a rollback) back to that content
 * puts it back as it was found, so the Delete leaves it again. The content itself does not fit
 * in a physical id, so a Delete after other content was written removes the object.
 */
const FOUND = /^found-([0-9a-f]{12})$/;

/** The digest of a rule's content (`content`: the properties in a canonical form) that a found mark records. */
export function contentDigest(content: string): string {
  return digest(content, 12);
}

/**
 * A physical id of `parts` key parts without its found mark, and the digest the mark recorded.
 * The mark is an extra last part, told apart by the count: a rule may be named `found-...`,
 * and a device id be it.
 */
export function parseFound(physicalResourceId: string | undefined, parts: number): { readonly id: string | undefined; readonly found?: string } {
  const all = physicalResourceId?.split('|') ?? [];
  const found = all.length === parts + 2 ? FOUND.exec(all[all.length - 1])?.[1] : undefined;
  return found === undefined ? { id: physicalResourceId } : { id: all.slice(0, -1).join('|'), found };
}

/**
 * What a Create or Update of a rule or override keyed by name does: whether it writes, whether
 * with the owner marker, and the physical id it answers.
 */
export interface MarkedPut {
  readonly put: boolean;
  readonly marked: boolean;
  readonly physicalId: string;
}

/**
 * A Create (or an Update to another key) that finds the object of its key holding exactly the
 * properties (`holds`, given its description without the owner marker) writes nothing: without
 * a marker the object is left as the organization had it, and the physical id `id` records that
 * it was found so, with the digest of `content` (the properties in a canonical form), which a
 * Delete honours; with this resource's own marker it is a redelivery. An Update of the same
 * object keeps its physical id (`updatedId`). Back to the content it was found with, the object
 * is put as it was found, without a marker; to any other content it is written under the
 * marker. Either is skipped when the object holds it already. Anything else writes the whole
 * object, marked.
 */
export function planMarkedPut<T extends object>(
  id: string,
  updatedId: string | undefined,
  owner: string,
  current: T | undefined,
  description: (object: T) => string | undefined,
  holds: (object: T, description: string) => boolean,
  content: string,
): MarkedPut {
  const marker = readOwnerMarker(current && description(current));
  const found = ownership(marker.owner, owner);
  const held = current !== undefined && holds(current, marker.description);
  const previous = parseFound(updatedId, id.split('|').length - 1);
  if (previous.id === id) {
    const marked = previous.found !== contentDigest(content);
    return { put: !(held && found === (marked ? 'mine' : 'unmarked')), marked, physicalId: updatedId! };
  }
  if (held && found === 'unmarked') {
    return { put: false, marked: false, physicalId: `${id}|found-${contentDigest(content)}` };
  }
  return { put: !(held && found === 'mine'), marked: true, physicalId: id };
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
