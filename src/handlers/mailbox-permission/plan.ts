/** Mailbox permissions as pure decisions: one resource per (mailbox, grantee) pair. */
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
 * The pair is the physical id: PutMailboxPermissions replaces the pair's permissions, so a
 * new pair is a new resource and CloudFormation removes the old pair's permissions afterwards.
 */
export function physicalId(settings: PermissionSettings): string {
  return `${settings.entityId}|${settings.granteeId}`;
}

/**
 * Delete removes the pair's permissions only when this resource set them: after a failed
 * Create the physical id is not the pair, and permissions someone else granted stay.
 */
export function planDelete(settings: PermissionSettings, physicalResourceId: string | undefined): boolean {
  return physicalResourceId === physicalId(settings);
}
