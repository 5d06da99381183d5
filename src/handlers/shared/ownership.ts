/**
 * What a resource owns (DESIGN.md §8). Each resource has an owner id, 12 hexadecimal digits: the
 * first 6 name its stack, the last 6 the resource in it. The id is written with the live object
 * (a marker at the end of a description, or the value of an organization tag) so that the next
 * event, of this resource or of another, can tell whose the object is. Names never decide it.
 */
import { createHash } from 'crypto';
import { DescribeOrganizationCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-workmail';
import { ResourceEvent } from './cfn';
import { workMailClient } from './clients';
import { DeploymentError, isServiceError } from './errors';
import { logOperation } from './log';
import { parseBoolean } from './properties';
import { OWNER_TAG_PREFIX } from '../../private/constants';
import { AdoptableResourceProperties, readOwnerMarker } from '../../private/ownership-properties';

/** The first `length` hexadecimal digits of the SHA-256 of `text`. */
export const digest = (text: string, length = 6) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The owner id of the resource an event is about: the same for every event of that resource. */
export function ownerOf(event: Pick<ResourceEvent<unknown>, 'StackId' | 'LogicalResourceId'>): string {
  return digest(event.StackId) + digest(`${event.StackId}\n${event.LogicalResourceId}`);
}

/**
 * Whose an object carrying the owner id `found` is, for the resource `mine`: its own; the
 * stack's (another resource of the same stack wrote it: a construct moved to a new logical id,
 * and CloudFormation creates the new resource before it deletes the old one); someone else's
 * (another stack, the console, a script); or nobody's (no marker).
 */
export type Ownership = 'mine' | 'stack' | 'other' | 'unmarked';

export function ownership(found: string | undefined, mine: string): Ownership {
  if (found === undefined) {
    return 'unmarked';
  }
  if (found === mine) {
    return 'mine';
  }
  return found.slice(0, 6) === mine.slice(0, 6) ? 'stack' : 'other';
}

/** Whether the properties ask to take over a live object the resource did not make. */
export function adoptsExisting(properties: AdoptableResourceProperties): boolean {
  return parseBoolean('AdoptExisting', properties.AdoptExisting, false);
}

/**
 * The refusal of a Create that finds a live object it did not make: names the object and the
 * two ways on.
 */
export function adoptionRefused(object: string, construct: string, importHint: string): DeploymentError {
  return new DeploymentError(
    `${object} already exists and this stack did not make it, so ${construct} refuses to take it over. `
    + `Either refer to it without managing it (${importHint}), or pass adoptExisting: true to ${construct} to manage it from now on `
    + '(nothing the properties do not name is changed).',
  );
}

/** Organization ARNs by id, for the life of the container: an organization's ARN never changes. */
const ARNS = new Map<string, string>();

/** The ARN of an organization, the resource WorkMail tags carry (the handler does not know its account). */
async function organizationArn(organizationId: string): Promise<string> {
  if (!ARNS.has(organizationId)) {
    const { ARN } = await workMailClient().send(new DescribeOrganizationCommand({ OrganizationId: organizationId }));
    ARNS.set(organizationId, ARN!);
  }
  return ARNS.get(organizationId)!;
}

/**
 * The owner id and payload an organization tag of cdk-workmail holds: `<owner> <payload>`, or
 * `<owner>/<from> <payload>` for an object taken over from another resource of the stack.
 */
export interface OwnerTag {
  readonly owner: string;
  readonly payload: string;
  /**
   * The resource of the stack the object was taken over from (a construct moved to a new logical
   * id), until that resource's Delete releases it: CloudFormation deletes the old resource only
   * after the update succeeded. While the record still names it, a Delete of the new resource is
   * a rollback of the move, and the object goes back to the old resource.
   */
  readonly from?: string;
}

export async function readOwnerTag(organizationId: string, key: string): Promise<OwnerTag | undefined> {
  const { Tags } = await workMailClient().send(new ListTagsForResourceCommand({ ResourceARN: await organizationArn(organizationId) }));
  const value = Tags?.find((tag) => tag.Key === OWNER_TAG_PREFIX + key)?.Value;
  if (value === undefined) {
    return undefined;
  }
  const [ownerPart, ...payload] = value.split(' ');
  const [owner, from] = ownerPart.split('/');
  return { owner, payload: payload.join(' '), ...from && { from } };
}

/**
 * The record with which `owner` takes over the object whose record is `found`, holding `payload`:
 * from another resource of the stack, it names that resource until it releases the object; a
 * record of its own (a redelivery) keeps what it named.
 */
export function takeOver(found: OwnerTag | undefined, owner: string, payload: string): OwnerTag {
  const from = { mine: found?.from, stack: found?.owner, other: undefined, unmarked: undefined }[ownership(found?.owner, owner)];
  return { owner, payload, ...from && { from } };
}

/** WorkMail's limit for a tag value. */
const MAX_TAG_VALUE = 256;

export async function writeOwnerTag(organizationId: string, key: string, tag: OwnerTag): Promise<void> {
  const owner = tag.from === undefined ? tag.owner : `${tag.owner}/${tag.from}`;
  const value = tag.payload === '' ? owner : `${owner} ${tag.payload}`;
  if (value.length > MAX_TAG_VALUE && tag.from !== undefined) {
    // What was there comes first: without room for the move, a rollback of it cannot give the object back.
    logOperation('workmail', 'TagResource', `${key}: no room to record the resource it was moved from`);
    return writeOwnerTag(organizationId, key, { owner: tag.owner, payload: tag.payload });
  }
  if (value.length > MAX_TAG_VALUE) {
    throw new DeploymentError(
      `Cannot record what ${key} of organization ${organizationId} held before this stack changed it: it needs ${value.length} characters, `
      + `and an organization tag holds ${MAX_TAG_VALUE}. Nothing was changed.`,
    );
  }
  await workMailClient().send(new TagResourceCommand({
    ResourceARN: await organizationArn(organizationId),
    Tags: [{ Key: OWNER_TAG_PREFIX + key, Value: value }],
  }));
}

/**
 * Records `owner` in the tag `key` (taking it over from the record there, see {@link takeOver})
 * as far as the organization's 50 tags allow. Without a free tag the object is not protected
 * against the Delete of a resource it moved away from, which the log says (`what` names the
 * object). `known`: the record, when the caller has read it already.
 */
export async function claim(
  organizationId: string,
  key: string,
  owner: string,
  what: string,
  known?: { readonly found: OwnerTag | undefined },
): Promise<void> {
  const found = known ? known.found : await readOwnerTag(organizationId, key);
  await tolerateFullTags(what, () => writeOwnerTag(organizationId, key, takeOver(found, owner, '')));
}

/** Runs a write of a tag that is only protection; an organization with no free tag skips it, and the log says so. */
async function tolerateFullTags(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isServiceError(error, 'TooManyTagsException')) {
      throw error;
    }
    logOperation('workmail', 'TagResource', `skipped: the organization has no free tag to record the owner of the ${what}`);
  }
}

export async function removeOwnerTag(organizationId: string, key: string): Promise<void> {
  await workMailClient().send(new UntagResourceCommand({ ResourceARN: await organizationArn(organizationId), TagKeys: [OWNER_TAG_PREFIX + key] }));
}

/** Why a Delete leaves an object where it is. */
export type LeftAlone = 'gone' | 'stack' | 'returned' | 'other' | 'changed' | 'found';

const LEFT_ALONE: Record<LeftAlone, string> = {
  gone: 'it is gone already',
  stack: 'it now belongs to another resource of this stack',
  returned: 'the stack update that moved it to this resource was rolled back: it goes back, as it is, to the resource it came from',
  other: 'it now belongs to someone else',
  changed: 'it was changed outside CloudFormation since, and the change is kept',
  found: 'it is what the organization had before this stack, unchanged',
};

/** Says in the log that `operation` was not called, and why. */
export function logLeftAlone(operation: string, reason: LeftAlone): void {
  logOperation('workmail', operation, `skipped: ${LEFT_ALONE[reason]}`);
}

/**
 * For a Delete that found the record `tag` of `key`: settles a move. The old resource's Delete
 * (the update succeeded) releases the object to the resource that took it over; the new
 * resource's Delete while the record still names the old one (the update was rolled back) gives
 * the object back to it, as it is. Either way the Delete leaves the object, and this says why;
 * undefined: no move to settle. `transient`: the tag records only the move, and goes once settled.
 */
export async function settleMove(
  organizationId: string,
  key: string,
  tag: OwnerTag | undefined,
  mine: string,
  transient = false,
): Promise<LeftAlone | undefined> {
  const found = ownership(tag?.owner, mine);
  if (found === 'stack' && tag!.from === mine) {
    await (transient ? removeOwnerTag(organizationId, key) : writeOwnerTag(organizationId, key, { owner: tag!.owner, payload: tag!.payload }));
    return 'stack';
  }
  if (found === 'mine' && tag!.from !== undefined) {
    await (transient ? removeOwnerTag(organizationId, key) : writeOwnerTag(organizationId, key, { owner: tag!.from, payload: tag!.payload }));
    return 'returned';
  }
  return undefined;
}

/**
 * For a Delete: whether the object is still the resource's to remove, not claimed since by
 * another resource (a construct moved to a new logical id, whose new resource adopted the
 * object) or another stack, nor to be given back after a move that was rolled back; the log
 * says when not. The resource's own claim goes.
 */
export async function stillOwned(organizationId: string, key: string, event: ResourceEvent<unknown>, operation: string): Promise<boolean> {
  const tag = await readOwnerTag(organizationId, key);
  const mine = ownerOf(event);
  const found = await settleMove(organizationId, key, tag, mine) ?? ownership(tag?.owner, mine);
  if (found === 'stack' || found === 'other' || found === 'returned') {
    logLeftAlone(operation, found);
    return false;
  }
  if (found === 'mine') {
    await removeOwnerTag(organizationId, key);
  }
  return true;
}

/** The transient tag that records a move of the object `objectId` (its physical id) whose owner is a marker in its description. */
const movedTag = (objectId: string) => `moved:${digest(objectId, 12)}`;

/**
 * Create of an object whose owner is a marker in its description, taking it over from `found`
 * (the marker's owner): from another resource of the stack, a transient tag records the move
 * until a Delete settles it (see {@link settleMove}), as far as the organization's tags allow.
 */
export async function recordMove(organizationId: string, objectId: string, found: string | undefined, mine: string, what: string): Promise<void> {
  if (ownership(found, mine) === 'stack') {
    await tolerateFullTags(what, () => writeOwnerTag(organizationId, movedTag(objectId), { owner: mine, payload: '', from: found }));
  }
}

/**
 * Delete of an object whose owner is a marker in its description: settles a move recorded by
 * {@link recordMove}. 'returned': give the object back to `from`, the resource it came from.
 */
export async function settleMarkedMove(
  organizationId: string,
  objectId: string,
  mine: string,
): Promise<{ readonly settled?: LeftAlone; readonly from?: string }> {
  const tag = await readOwnerTag(organizationId, movedTag(objectId));
  return { settled: await settleMove(organizationId, movedTag(objectId), tag, mine, true), from: tag?.from };
}

/**
 * What a Delete does with an object whose description carries the owner marker (`current`,
 * undefined when there is none): leave it when it is gone or another's; otherwise `holds`, given
 * the description without the marker, says whether it still holds what the resource wrote.
 * Content that is what the organization had when the resource found it (`foundUnchanged`,
 * recorded in its physical id) stays; any other content is the resource's own: written by it, or
 * without a marker by an earlier version of it.
 */
export function markedDeletion<T extends object>(
  current: T | undefined,
  description: (object: T) => string | undefined,
  owner: string,
  holds: (object: T, description: string) => boolean,
  foundUnchanged = false,
): 'delete' | LeftAlone {
  if (current === undefined) {
    return 'gone';
  }
  const marker = readOwnerMarker(description(current));
  const found = ownership(marker.owner, owner);
  if (found === 'stack' || found === 'other') {
    return found;
  }
  if (!holds(current, marker.description)) {
    return 'changed';
  }
  return foundUnchanged ? 'found' : 'delete';
}
