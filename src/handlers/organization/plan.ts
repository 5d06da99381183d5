/**
 * The organization's lifecycle as pure decisions: which WorkMail operations a CloudFormation
 * request needs, given the properties and what WorkMail reports. No SDK calls here, so every
 * decision is unit-tested without a network.
 */
import type { DescribeOrganizationResponse, Tag } from '@aws-sdk/client-workmail';
import { AWS_MANAGED_KEY, KMS_KEY_TAG, ORGANIZATION_ID_PATTERN } from '../../private/constants';
import { OrganizationResourceProperties } from '../../private/organization-properties';
import { DeploymentError } from '../shared/errors';
import { parseBoolean } from '../shared/properties';

/** The properties, parsed. */
export interface OrganizationSettings {
  readonly alias: string;
  readonly kmsKeyArn?: string;
  readonly directoryId?: string;
  readonly enableInteroperability: boolean;
  readonly deleteDirectory: boolean;
  readonly forceDelete: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

export type Operation =
  | { readonly kind: 'VerifyKmsKey'; readonly keyArn: string }
  | { readonly kind: 'CreateOrganization'; readonly clientToken: string }
  | { readonly kind: 'TagResource'; readonly tags: Tag[] }
  | { readonly kind: 'UntagResource'; readonly tagKeys: string[] }
  | { readonly kind: 'DeleteOrganization'; readonly clientToken: string };


export function parseSettings(properties: OrganizationResourceProperties): OrganizationSettings {
  const directoryId = properties.DirectoryId || undefined;
  return {
    alias: properties.Alias,
    kmsKeyArn: properties.KmsKeyArn || undefined,
    directoryId,
    enableInteroperability: parseBoolean('EnableInteroperability', properties.EnableInteroperability, false),
    // A directory WorkMail made for the organization is useless (and billed) without it;
    // a directory the user brought is theirs to keep.
    deleteDirectory: parseBoolean('DeleteDirectory', properties.DeleteDirectory, directoryId === undefined),
    forceDelete: parseBoolean('ForceDelete', properties.ForceDelete, false),
    tags: Object.fromEntries((properties.Tags ?? []).map((tag) => [tag.Key, tag.Value])),
  };
}

/** True for a physical id that names an organization (a failed Create leaves something else). */
export function isOrganizationId(physicalResourceId: string | undefined): physicalResourceId is string {
  return physicalResourceId !== undefined && ORGANIZATION_ID_PATTERN.test(physicalResourceId);
}

export function planCreate(settings: OrganizationSettings, clientToken: string): Operation[] {
  return [
    ...(settings.kmsKeyArn ? [{ kind: 'VerifyKmsKey', keyArn: settings.kmsKeyArn } as const] : []),
    { kind: 'CreateOrganization', clientToken },
  ];
}

/**
 * Tags are applied once the organization is Active (WorkMail refuses them before). The KMS key
 * tag records the key for later updates: WorkMail never reports it back.
 */
export function planInitialTags(settings: OrganizationSettings): Operation[] {
  const tags = { ...settings.tags, [KMS_KEY_TAG]: settings.kmsKeyArn ?? AWS_MANAGED_KEY };
  return [{ kind: 'TagResource', tags: toTags(tags) }];
}

/** What WorkMail reports about an existing organization, as far as updates care. */
export interface ActualOrganization {
  readonly alias?: string;
  readonly directoryId?: string;
  readonly interoperabilityEnabled: boolean;
  /** From the KMS key tag; undefined when someone removed the tag. */
  readonly kmsKey?: string;
}

/**
 * An update may only change tags. Alias, KMS key, directory and interoperability are fixed at
 * creation; changing them would need a new organization, and replacing this one would delete
 * every mailbox. So such a change fails, with the way forward.
 *
 * Each property is compared with what the organization really has, not with the old
 * properties: when a refused update rolls back, CloudFormation sends the original properties
 * again, and those match the organization, so the rollback succeeds.
 */
export function planUpdate(
  oldSettings: OrganizationSettings,
  newSettings: OrganizationSettings,
  actual: ActualOrganization,
): Operation[] {
  const changes: string[] = [];
  if (actual.alias !== undefined && newSettings.alias !== actual.alias) {
    changes.push(`alias (${actual.alias} -> ${newSettings.alias})`);
  }
  const directoryChanged = newSettings.directoryId !== undefined
    ? newSettings.directoryId !== actual.directoryId
    : oldSettings.directoryId !== undefined && oldSettings.directoryId === actual.directoryId;
  if (directoryChanged) {
    changes.push(`directoryId (${actual.directoryId} -> ${newSettings.directoryId ?? 'a WorkMail directory'})`);
  }
  if (newSettings.enableInteroperability !== actual.interoperabilityEnabled) {
    changes.push(`enableInteroperability (${actual.interoperabilityEnabled} -> ${newSettings.enableInteroperability})`);
  }
  const currentKey = actual.kmsKey ?? oldSettings.kmsKeyArn ?? AWS_MANAGED_KEY;
  const newKey = newSettings.kmsKeyArn ?? AWS_MANAGED_KEY;
  if (newKey !== currentKey) {
    changes.push(`kmsKey (${currentKey} -> ${newKey})`);
  }
  if (changes.length > 0) {
    throw new DeploymentError(
      `Refusing to change ${changes.join(', ')} of WorkMail organization ${actual.alias ?? newSettings.alias}: `
      + 'WorkMail fixes these when the organization is created, and replacing the organization would delete every mailbox. '
      + 'Revert the change; to move, create a second Organization construct with the new settings, '
      + 'migrate or export the mailboxes (MailboxExport), then remove the old one.',
    );
  }
  return planTagChanges(oldSettings.tags, newSettings.tags);
}

/** Tags this stack set before and no longer sets are removed; tags added elsewhere are kept. */
function planTagChanges(oldTags: Readonly<Record<string, string>>, newTags: Readonly<Record<string, string>>): Operation[] {
  const changed = Object.entries(newTags).filter(([key, value]) => oldTags[key] !== value);
  const removed = Object.keys(oldTags).filter((key) => !(key in newTags));
  return [
    ...(changed.length > 0 ? [{ kind: 'TagResource', tags: toTags(Object.fromEntries(changed)) } as const] : []),
    ...(removed.length > 0 ? [{ kind: 'UntagResource', tagKeys: removed } as const] : []),
  ];
}

export function planDelete(physicalResourceId: string | undefined, clientToken: string): Operation[] {
  // A Create that failed before WorkMail made an organization has nothing to delete.
  return isOrganizationId(physicalResourceId) ? [{ kind: 'DeleteOrganization', clientToken }] : [];
}

/**
 * Whether a new organization is ready for use. Anything but Active or Failed (Requested,
 * Creating, Validating, ...) means keep waiting.
 */
export function creationProgress(organization: DescribeOrganizationResponse): 'waiting' | 'active' {
  if (organization.State === 'Failed') {
    throw new DeploymentError(
      `WorkMail could not create organization ${organization.Alias} (${organization.OrganizationId}): `
      + `${organization.ErrorMessage ?? 'no reason given'}. The organization is left in state Failed; `
      + 'remove it in the WorkMail console (or let the stack delete it with removalPolicy DESTROY) before retrying with this alias.',
    );
  }
  return organization.State === 'Active' ? 'active' : 'waiting';
}

/** Deletion is complete once WorkMail no longer knows the organization or reports it Deleted. */
export function isDeleted(organization: DescribeOrganizationResponse | undefined): boolean {
  return organization === undefined || organization.State === 'Deleted';
}

/** The attributes (`Fn::GetAtt`) of the resource. */
export function attributes(organization: DescribeOrganizationResponse): Record<string, string> {
  return {
    OrganizationId: organization.OrganizationId ?? '',
    OrganizationArn: organization.ARN ?? '',
    Alias: organization.Alias ?? '',
    DefaultMailDomain: organization.DefaultMailDomain ?? '',
    DirectoryId: organization.DirectoryId ?? '',
  };
}

function toTags(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
