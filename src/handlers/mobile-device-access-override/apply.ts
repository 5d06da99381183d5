/** The WorkMail calls of the mobile device access override handler. */
import {
  DeleteMobileDeviceAccessOverrideCommand,
  GetMobileDeviceAccessOverrideCommand,
  GetMobileDeviceAccessOverrideResponse,
  PutMobileDeviceAccessOverrideCommand,
} from '@aws-sdk/client-workmail';
import { MobileDeviceAccessOverrideResourceProperties } from '../../private/rule-properties';
import { workMailClient } from '../shared/clients';
import { deleting, isServiceError } from '../shared/errors';

export async function putOverride(properties: MobileDeviceAccessOverrideResourceProperties, description: string | undefined): Promise<void> {
  await workMailClient().send(new PutMobileDeviceAccessOverrideCommand({
    OrganizationId: properties.OrganizationId,
    UserId: properties.UserId,
    DeviceId: properties.DeviceId,
    Effect: properties.Effect as 'ALLOW' | 'DENY',
    Description: description,
  }));
}

/** The override of this user and device; undefined when there is none (or no such user). */
export async function getOverride(
  organizationId: string,
  userId: string,
  deviceId: string,
): Promise<GetMobileDeviceAccessOverrideResponse | undefined> {
  try {
    return await workMailClient().send(new GetMobileDeviceAccessOverrideCommand({
      OrganizationId: organizationId, UserId: userId, DeviceId: deviceId,
    }));
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException') || isServiceError(error, 'EntityNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

/** Deleting a missing override succeeds; a deleted user takes its overrides along. */
export async function deleteOverride(organizationId: string, userId: string, deviceId: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteMobileDeviceAccessOverrideCommand({
    OrganizationId: organizationId, UserId: userId, DeviceId: deviceId,
  })), 'EntityNotFoundException');
}
