/**
 * The retention policy plan: pure, no SDK. WorkMail keeps one retention policy per
 * organization, so the resource is a per-organization singleton whose physical id also records
 * the policy the organization had before the stack took it over: CloudFormation hands a Delete
 * nothing but the physical id and the properties, and Delete must restore that policy.
 */
import type { FolderConfiguration, FolderName, RetentionAction } from '@aws-sdk/client-workmail';
import { ORGANIZATION_ID_SOURCE } from '../../private/constants';
import { RetentionPolicyResourceProperties } from '../../private/settings-properties';
import { parseNumber } from '../shared/properties';

/** A policy as far as the resource manages it (the description is never recorded). */
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
 * `<organization id>|retention-policy|none`, or `...|<name>|<FOLDER>:<ACTION>[:<days>],...`:
 * names and folder rules use no `|`, `,` or `:`, so the encoding is unambiguous.
 */
export function physicalId(organizationId: string, previous: Policy | undefined): string {
  if (previous === undefined) {
    return [organizationId, MARKER, NONE].join('|');
  }
  const folders = previous.folders
    .map((folder) => [folder.Name, folder.Action, ...(folder.Period === undefined ? [] : [folder.Period])].join(':'))
    .join(',');
  return [organizationId, MARKER, previous.name, folders].join('|');
}

const PHYSICAL_ID = new RegExp(`^(${ORGANIZATION_ID_SOURCE})\\|${MARKER}\\|(?:(${NONE})|([A-Za-z0-9_-]+)\\|([A-Z_:0-9,]*))$`);

/** The organization and previous policy a physical id records; undefined for any other id (a failed Create). */
export function parsePhysicalId(id: string | undefined): { organizationId: string; previous?: Policy } | undefined {
  const match = PHYSICAL_ID.exec(id ?? '');
  if (match === null) {
    return undefined;
  }
  if (match[2] === NONE) {
    return { organizationId: match[1] };
  }
  const folders = match[4] === '' ? [] : match[4].split(',').map((entry) => {
    const [name, action, period] = entry.split(':');
    return { Name: name as FolderName, Action: action as RetentionAction, Period: period === undefined ? undefined : Number(period) };
  });
  return { organizationId: match[1], previous: { name: match[3], folders } };
}

/** Create (or move to another organization): record what is there, then put the policy. */
export function planCreate(organizationId: string, desired: Policy, current: CurrentPolicy | undefined) {
  return {
    physicalResourceId: physicalId(organizationId, current && { name: current.name, folders: current.folders }),
    operations: [put(desired, current)],
  };
}

/** An update puts the policy again, in place (the same policy id), keeping the recorded previous policy. */
export function planUpdate(desired: Policy, current: CurrentPolicy | undefined): Operation[] {
  return [put(desired, current)];
}

/** Delete restores the recorded policy, or removes the policy when there was none. */
export function planDelete(previous: Policy | undefined, current: CurrentPolicy | undefined): Operation[] {
  if (previous !== undefined) {
    return [put(previous, current)];
  }
  return current === undefined ? [] : [{ kind: 'DeleteRetentionPolicy', id: current.id }];
}

/** Omitting the id creates the organization's policy; passing the existing one replaces it in place. */
function put(policy: Policy, current: CurrentPolicy | undefined): Operation {
  return { kind: 'PutRetentionPolicy', id: current?.id, policy };
}
