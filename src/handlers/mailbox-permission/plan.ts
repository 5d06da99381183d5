/**
 * Mailbox permissions as pure decisions: one resource per (mailbox, grantee) pair, owning the
 * permission types its properties list. PutMailboxPermissions replaces the pair's whole set, so
 * every write keeps the types granted outside the stack, and a Delete removes only its own.
 */
import { createHash } from 'crypto';
import { MailboxPermissionResourceProperties } from '../../private/entity-properties';

export interface PermissionSettings {
  readonly organizationId: string;
  readonly entityId: string;
  readonly granteeId: string;
  readonly permissionValues: readonly string[];
}

export function parsePermissionSettings(properties: MailboxPermissionResourceProperties): PermissionSettings {
  return {
    organizationId: properties.OrganizationId,
    entityId: properties.EntityId,
    granteeId: properties.GranteeId,
    permissionValues: [...new Set(properties.PermissionValues)],
  };
}

/**
 * The pair is the physical id: a new pair is a new resource, and CloudFormation removes the old
 * pair's types afterwards.
 */
export function physicalId(settings: PermissionSettings): string {
  return `${settings.entityId}|${settings.granteeId}`;
}

/**
 * Delete removes the pair's types only when this resource set them: after a failed Create the
 * physical id is not the pair, and permissions someone else granted stay.
 */
export function planDelete(settings: PermissionSettings, physicalResourceId: string | undefined): boolean {
  return physicalResourceId === physicalId(settings);
}

/** What the pair holds after a write: nothing (DeleteMailboxPermissions), or these types. */
export type PermissionWrite = { readonly kind: 'none' } | { readonly kind: 'delete' } | { readonly kind: 'put'; readonly values: string[] };

/**
 * The write that gives the pair `next` (the types the resource now owns) after owning `previous`
 * (empty on Create, everything it owned on Delete with `next` empty), keeping every type WorkMail
 * reports (`actual`) that the resource never owned.
 */
export function planWrite(previous: readonly string[], next: readonly string[], actual: readonly string[]): PermissionWrite {
  const kept = actual.filter((value) => !previous.includes(value) || next.includes(value));
  const values = [...new Set([...kept, ...next])].sort();
  if (values.length === actual.length && values.every((value) => actual.includes(value))) {
    return { kind: 'none' };
  }
  return values.length === 0 ? { kind: 'delete' } : { kind: 'put', values };
}

/**
 * WorkMail keeps nothing with a grant that could name its owner, so a Create that finds every
 * type it wants already granted (the construct moved to a new logical id, whose old resource
 * CloudFormation deletes next, or grants brought under code) claims the pair in an organization
 * tag. The old resource's Delete then leaves the pair to the claimant. The key names the pair.
 */
export function claimTag(settings: PermissionSettings): string {
  return `mailbox-permission:${createHash('sha256').update(physicalId(settings)).digest('hex').slice(0, 12)}`;
}

/** Whether a Create finds all it asks for granted already. */
export function contested(next: readonly string[], actual: readonly string[]): boolean {
  return next.every((value) => actual.includes(value));
}
