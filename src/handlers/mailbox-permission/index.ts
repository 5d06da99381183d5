/** `Custom::WorkMailMailboxPermission`: grants a user or group access to a user's or resource's mailbox. */
import { DeleteMailboxPermissionsCommand, PermissionType, PutMailboxPermissionsCommand } from '@aws-sdk/client-workmail';
import { parsePermissionSettings, PermissionSettings, physicalId, planDelete } from './plan';
import { MailboxPermissionResourceProperties } from '../../private/entity-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { isServiceError } from '../shared/errors';

export const mailboxPermissionHandler: ResourceHandler<MailboxPermissionResourceProperties> = {
  async onEvent(event: ResourceEvent<MailboxPermissionResourceProperties>): Promise<OnEventResult> {
    const settings = parsePermissionSettings(event.ResourceProperties);
    if (event.RequestType === 'Delete') {
      if (planDelete(settings, event.PhysicalResourceId)) {
        await deletePermissions(settings);
      }
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    // Create and Update alike: PutMailboxPermissions replaces whatever the pair had.
    await workMailClient().send(new PutMailboxPermissionsCommand({
      OrganizationId: settings.organizationId,
      EntityId: settings.entityId,
      GranteeId: settings.granteeId,
      PermissionValues: settings.permissionValues as PermissionType[],
    }));
    return { PhysicalResourceId: physicalId(settings) };
  },

  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

/** Gone is fine: the mailbox, the grantee or the organization was deleted first. */
async function deletePermissions(settings: PermissionSettings): Promise<void> {
  try {
    await workMailClient().send(new DeleteMailboxPermissionsCommand({
      OrganizationId: settings.organizationId,
      EntityId: settings.entityId,
      GranteeId: settings.granteeId,
    }));
  } catch (error) {
    if (!isServiceError(error, 'EntityNotFoundException') && !isServiceError(error, 'OrganizationNotFoundException')) {
      throw error;
    }
  }
}
