/**
 * The retention policy plan: pure, no SDK. WorkMail keeps one retention policy per
 * organization, so the resource is a per-organization singleton whose physical id also records
 * the policy the organization had before the stack took it over: CloudFormation hands a Delete
 * nothing but the physical id and the properties, and Delete must restore that policy. The
 * policy's description carries the resource's owner marker.
 */
import type { FolderConfiguration, FolderName, RetentionAction } from '@aws-sdk/client-workmail';
import { ORGANIZATION_ID_SOURCE } from '../../private/constants';
import { readOwnerMarker, withOwnerMarker } from '../../private/ownership-properties';
import { RetentionPolicyResourceProperties } from '../../private/settings-properties';
import { LeftAlone, markedDeletion, ownership } from '../shared/ownership';
import { parseNumber } from '../shared/properties';

/** A policy as far as the resource manages it. */
export interface Policy {
  readonly name: string;
  readonly description?: string;
  readonly folders: FolderConfiguration[];
}

/** What GetDefaultRetentionPolicy reports: a policy with its id, or undefined for none. */
export interface CurrentPolicy extends Policy {
  readonly id: string;
}

export type Operation =
  | { readonly kind: 'PutRetentionPolicy'; readonly id?: string; readonly policy: Policy }
  | { readonly kind: 'DeleteRetentionPolicy'; readonly id: string };

const MARKER = 'retention-policy';
const NONE = 'none';
/** Recorded when the resource cannot know what was there before (see {@link planCreate}). */
const UNKNOWN = 'unknown';

/** What a physical id records: a policy, none, or that it cannot know. */
export type Previous = Policy | undefined | typeof UNKNOWN;

export function parsePolicy(properties: RetentionPolicyResourceProperties): Policy {
  return {
    name: properties.PolicyName,
    description: properties.Description || undefined,
    folders: properties.Folders.map((folder) => ({
      Name: folder.Name as FolderName,
      Action: folder.Action as RetentionAction,
      Period: folder.Period === undefined ? undefined : parseNumber(`Period of ${folder.Name}`, folder.Period, 0),
    })),
  };
}

/**
 * `<organization id>|retention-policy|none`, `...|unknown`, or
 * `...|<name>|<FOLDER>:<ACTION>[:<days>],...|<description, base64url>`: names and folder rules
 * use no `|`, `,` or `:`, so the encoding is unambiguous. Older versions recorded no description.
 */
export function physicalId(organizationId: string, previous: Previous): string {
  if (previous === undefined || previous === UNKNOWN) {
    return [organizationId, MARKER, previous ?? NONE].join('|');
  }
  const folders = previous.folders
    .map((folder) => [folder.Name, folder.Action, ...(folder.Period === undefined ? [] : [folder.Period])].join(':'))
    .join(',');
  return [organizationId, MARKER, previous.name, folders, Buffer.from(previous.description ?? '').toString('base64url')].join('|');
}

const PHYSICAL_ID = new RegExp(
  `^(${ORGANIZATION_ID_SOURCE})\\|${MARKER}\\|(?:(${NONE}|${UNKNOWN})|([A-Za-z0-9_-]+)\\|([A-Z_:0-9,]*)(?:\\|([A-Za-z0-9_-]*))?)$`,
);

/** The organization and previous policy a physical id records; undefined for any other id (a failed Create). */
export function parsePhysicalId(id: string | undefined): { organizationId: string; previous: Previous } | undefined {
  const match = PHYSICAL_ID.exec(id ?? '');
  if (match === null) {
    return undefined;
  }
  if (match[2] !== undefined) {
    return { organizationId: match[1], previous: match[2] === UNKNOWN ? UNKNOWN : undefined };
  }
  const folders = match[4] === '' ? [] : match[4].split(',').map((entry) => {
    const [name, action, period] = entry.split(':');
    return { Name: name as FolderName, Action: action as RetentionAction, Period: period === undefined ? undefined : Number(period) };
  });
  const description = match[5] ? Buffer.from(match[5], 'base64url').toString('utf8') : undefined;
  return { organizationId: match[1], previous: { name: match[3], folders, ...(description ? { description } : {}) } };
}

/**
 * Create (or move to another organization) records what is there. A policy nobody marked, or
 * another stack's, is taken over only with `adopt` (else undefined: the Create is refused). A
 * policy marked by this resource (a redelivery after its write) or by another resource of the
 * stack (a construct moved to a new logical id) hides what was there before: `unknown`, and
 * the eventual Delete leaves the policy in place.
 */
export function planCreate(organizationId: string, current: CurrentPolicy | undefined, owner: string, adopt: boolean): string | undefined {
  if (current === undefined) {
    return physicalId(organizationId, undefined);
  }
  const found = ownership(readOwnerMarker(current.description).owner, owner);
  if (found === 'mine' || found === 'stack') {
    return physicalId(organizationId, UNKNOWN);
  }
  return adopt ? physicalId(organizationId, { name: current.name, description: current.description, folders: current.folders }) : undefined;
}

/** The policy as the resource writes it: its description marked with the owner id. */
export function marked(desired: Policy, owner: string): Policy {
  return { ...desired, description: withOwnerMarker(desired.description, owner) };
}

/**
 * Create (in isComplete, so that a redelivered Create still finds what was there) and Update put
 * the policy in place, unless the organization still has, unmarked, the policy the resource
 * found and recorded (`previous`), and it holds what the properties ask: adopted as it is, it
 * stays unwritten.
 */
export function planPut(desired: Policy, owner: string, current: CurrentPolicy | undefined, previous?: Previous): Operation[] {
  if (isFoundPolicy(previous, current) && samePolicy(current!, desired)) {
    return [];
  }
  return [put(marked(desired, owner), current)];
}

/** Whether `current` is, without a marker, the policy recorded as found: the resource has not written it since. */
function isFoundPolicy(previous: Previous | undefined, current: CurrentPolicy | undefined): boolean {
  if (current === undefined || previous === undefined || previous === UNKNOWN) {
    return false;
  }
  const marker = readOwnerMarker(current.description);
  return marker.owner === undefined && samePolicy(previous, current);
}

/** Name, description (read without the owner marker) and folder rules alike. */
function samePolicy(a: Policy, b: Policy): boolean {
  return a.name === b.name && readOwnerMarker(a.description).description === readOwnerMarker(b.description).description
    && JSON.stringify(a.folders.map(folderKey).sort()) === JSON.stringify(b.folders.map(folderKey).sort());
}

/**
 * Delete restores the recorded policy, or removes the policy when there was none, only while the
 * organization's policy is still the one this resource wrote; a policy adopted as it was and
 * never written has nothing to restore.
 */
export function planDelete(previous: Previous, desired: Policy, owner: string, current: CurrentPolicy | undefined): Operation[] | LeftAlone | 'unknown' {
  const decision = markedDeletion(current, (policy) => policy.description, owner,
    (policy) => samePolicy(policy, desired), isFoundPolicy(previous, current));
  if (decision !== 'delete') {
    return decision;
  }
  if (previous === UNKNOWN) {
    return 'unknown';
  }
  return previous === undefined ? [{ kind: 'DeleteRetentionPolicy', id: current!.id }] : [put(previous, current)];
}

const folderKey = (folder: FolderConfiguration) => `${folder.Name}:${folder.Action}:${folder.Period ?? ''}`;

/** Omitting the id creates the organization's policy; passing the existing one replaces it in place. */
function put(policy: Policy, current: CurrentPolicy | undefined): Operation {
  return { kind: 'PutRetentionPolicy', id: current?.id, policy };
}
