/** `Custom::WorkMailMailboxPermission`: grants a user or group access to a user's or resource's mailbox. */
import {
  DeleteMailboxPermissionsCommand,
  paginateListMailboxPermissions,
  PermissionType,
  PutMailboxPermissionsCommand,
} from '@aws-sdk/client-workmail';
import { claimTag, contested, parsePermissionSettings, PermissionSettings, physicalId, planDelete, planWrite } from './plan';
import { MailboxPermissionResourceProperties } from '../../private/entity-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting } from '../shared/errors';
import { claim, logLeftAlone, ownerOf, ownership, readOwnerTag, removeOwnerTag, settleMove } from '../shared/ownership';
import { listAll } from '../shared/paginate';

type Event = ResourceEvent<MailboxPermissionResourceProperties>;

export const mailboxPermissionHandler: ResourceHandler<MailboxPermissionResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const settings = parsePermissionSettings(event.ResourceProperties);
    switch (event.RequestType) {
      case 'Create': {
        const actual = await grantedTypes(settings);
        if (contested(settings.permissionValues, actual)) {
          await claim(settings.organizationId, claimTag(settings), ownerOf(event), 'mailbox permission');
        }
        await write(settings, planWrite([], settings.permissionValues, actual));
        return { PhysicalResourceId: physicalId(settings) };
      }
      case 'Update': {
        const previous = parsePermissionSettings(event.OldResourceProperties!);
        // Another pair is another resource: CloudFormation deletes the old pair's types next.
        const owned = physicalId(previous) === physicalId(settings) ? previous.permissionValues : [];
        await write(settings, planWrite(owned, settings.permissionValues, await grantedTypes(settings)));
        return { PhysicalResourceId: physicalId(settings) };
      }
      case 'Delete':
        if (planDelete(settings, event.PhysicalResourceId)) {
          // Gone is fine: the mailbox, the grantee or the organization was deleted first.
          await deleting(() => revoke(settings, ownerOf(event)), 'EntityNotFoundException');
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

/**
 * Removes the resource's own types, unless the pair is claimed. A Create claims the pair when it
 * finds all its types granted already: outside the stack, or by another resource of the stack
 * that the construct moved away from. Those types stay with whoever had them: the claimant's
 * Delete leaves them, and so does a Delete that settles a move (see {@link settleMove}). The old
 * resource of a move that made the types itself removes the claim: they are the new resource's.
 */
async function revoke(settings: PermissionSettings, owner: string): Promise<void> {
  const { organizationId } = settings;
  const claimed = await readOwnerTag(organizationId, claimTag(settings));
  const found = await settleMove(organizationId, claimTag(settings), claimed, owner) ?? ownership(claimed?.owner, owner);
  if (found === 'unmarked') {
    await write(settings, planWrite(settings.permissionValues, [], await grantedTypes(settings)));
    return;
  }
  logLeftAlone('DeleteMailboxPermissions', found === 'mine' ? 'found' : found);
  if (found === 'mine' || (found === 'stack' && claimed?.from === undefined)) {
    await removeOwnerTag(organizationId, claimTag(settings));
  }
}

async function grantedTypes(settings: PermissionSettings): Promise<string[]> {
  const permissions = await listAll(
    paginateListMailboxPermissions({ client: workMailClient() }, { OrganizationId: settings.organizationId, EntityId: settings.entityId }),
    (page) => page.Permissions,
  );
  return permissions.find((permission) => permission.GranteeId === settings.granteeId)?.PermissionValues ?? [];
}

async function write(settings: PermissionSettings, plan: ReturnType<typeof planWrite>): Promise<void> {
  const pair = { OrganizationId: settings.organizationId, EntityId: settings.entityId, GranteeId: settings.granteeId };
  if (plan.kind === 'put') {
    await workMailClient().send(new PutMailboxPermissionsCommand({ ...pair, PermissionValues: plan.values as PermissionType[] }));
  } else if (plan.kind === 'delete') {
    await workMailClient().send(new DeleteMailboxPermissionsCommand(pair));
  }
}
