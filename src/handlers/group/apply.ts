/** The WorkMail calls only groups need: create, hide, members. */
import {
  AssociateMemberToGroupCommand,
  CreateGroupCommand,
  DisassociateMemberFromGroupCommand,
  paginateListGroupMembers,
  UpdateGroupCommand,
} from '@aws-sdk/client-workmail';
import { GroupSettings } from './plan';
import { LinkChanges } from '../entity/plan';
import { workMailClient } from '../shared/clients';
import { isServiceError } from '../shared/errors';
import { listAll } from '../shared/paginate';

export async function createGroup(settings: GroupSettings): Promise<string> {
  const { GroupId } = await workMailClient().send(new CreateGroupCommand({
    OrganizationId: settings.registration.organizationId,
    Name: settings.registration.name,
    HiddenFromGlobalAddressList: settings.registration.hiddenFromGlobalAddressList,
  }));
  return GroupId!;
}

export async function updateGroup(settings: GroupSettings, groupId: string, hidden: boolean): Promise<void> {
  await workMailClient().send(new UpdateGroupCommand({
    OrganizationId: settings.registration.organizationId,
    GroupId: groupId,
    HiddenFromGlobalAddressList: hidden,
  }));
}

/** Ids of the group's current members (every page). */
export async function listMembers(settings: GroupSettings, groupId: string): Promise<string[]> {
  const members = await listAll(
    paginateListGroupMembers({ client: workMailClient() }, { OrganizationId: settings.registration.organizationId, GroupId: groupId }),
    (page) => page.Members,
  );
  return members.map((member) => member.Id!);
}

/** One call per member, in order: WorkMail has no batch membership call. */
export async function changeMembers(settings: GroupSettings, groupId: string, changes: LinkChanges): Promise<void> {
  const OrganizationId = settings.registration.organizationId;
  const workMail = workMailClient();
  for (const MemberId of changes.remove) {
    try {
      await workMail.send(new DisassociateMemberFromGroupCommand({ OrganizationId, GroupId: groupId, MemberId }));
    } catch (error) {
      // The member was deleted meanwhile: it is no longer in the group, as asked.
      if (!isServiceError(error, 'EntityNotFoundException')) {
        throw error;
      }
    }
  }
  for (const MemberId of changes.add) {
    await workMail.send(new AssociateMemberToGroupCommand({ OrganizationId, GroupId: groupId, MemberId }));
  }
}
