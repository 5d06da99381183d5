/** The WorkMail calls of the mobile device access override handler. */
import { DeleteMobileDeviceAccessOverrideCommand, PutMobileDeviceAccessOverrideCommand } from '@aws-sdk/client-workmail';
import { MobileDeviceAccessOverrideResourceProperties } from '../../private/rule-properties';
import { workMailClient } from '../shared/clients';
import { deleting } from '../shared/errors';

export async function putOverride(properties: MobileDeviceAccessOverrideResourceProperties): Promise<void> {
  await workMailClient().send(new PutMobileDeviceAccessOverrideCommand({
    OrganizationId: properties.OrganizationId,
    UserId: properties.UserId,
    DeviceId: properties.DeviceId,
    Effect: properties.Effect as 'ALLOW' | 'DENY',
    Description: properties.Description || undefined,
  }));
}

/** Deleting a missing override succeeds; a deleted user takes its overrides along. */
export async function deleteOverride(organizationId: string, userId: string, deviceId: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteMobileDeviceAccessOverrideCommand({
    OrganizationId: organizationId, UserId: userId, DeviceId: deviceId,
  })), 'EntityNotFoundException');
}
