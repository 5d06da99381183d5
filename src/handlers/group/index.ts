/** `Custom::WorkMailGroup`: creates, registers, updates in place and deletes a WorkMail group. */
import { changeMembers, createGroup, listMembers, updateGroup } from './apply';
import { GroupSettings, parseGroupSettings, planHidden } from './plan';
import { GroupResourceProperties } from '../../private/entity-properties';
import { createEntity, findByName } from '../entity/apply';
import { converge, deadlineData, deadlineOf, deletionPhase, existingEntity } from '../entity/lifecycle';
import { ActualEntity, checkRename, planCreate, planLinks } from '../entity/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';

export const groupHandler: ResourceHandler<GroupResourceProperties> = {
  async onEvent(event: ResourceEvent<GroupResourceProperties>): Promise<OnEventResult> {
    const settings = parseGroupSettings(event.ResourceProperties);
    const { organizationId, name } = settings.registration;
    switch (event.RequestType) {
      case 'Create': {
        const existing = await findByName('group', organizationId, name);
        const groupId = planCreate('group', settings.registration, existing) === 'create'
          ? await createEntity('group', organizationId, name, () => createGroup(settings))
          : existing!.id; // made by an earlier delivery of this request
        await hide(settings, await existingEntity('group', organizationId, groupId));
        return { PhysicalResourceId: groupId, Data: deadlineData(settings.registration) };
      }
      case 'Update': {
        const actual = await existingEntity('group', organizationId, event.PhysicalResourceId!);
        checkRename('group', settings.registration, actual);
        await hide(settings, actual);
        return { PhysicalResourceId: actual.id, Data: deadlineData(settings.registration) };
      }
      case 'Delete':
        await deletionPhase('onEvent', 'group', organizationId, event.PhysicalResourceId);
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  async isComplete(event: IsCompleteEvent<GroupResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseGroupSettings(event.ResourceProperties);
    const groupId = event.PhysicalResourceId;
    if (event.RequestType === 'Delete') {
      return { IsComplete: await deletionPhase('isComplete', 'group', settings.registration.organizationId, groupId) };
    }
    const previous = event.OldResourceProperties ? parseGroupSettings(event.OldResourceProperties) : undefined;
    if (!(await converge('group', settings.registration, previous?.registration.aliases ?? [], groupId, deadlineOf(event)))) {
      return { IsComplete: false };
    }
    const changes = planLinks(previous?.members ?? [], settings.members, await listMembers(settings, groupId));
    await changeMembers(settings, groupId, changes);
    return { IsComplete: true, Data: { GroupId: groupId, Email: settings.registration.email ?? '' } };
  },
};

async function hide(settings: GroupSettings, actual: ActualEntity): Promise<void> {
  const hidden = planHidden(settings, actual);
  if (hidden !== undefined) {
    await updateGroup(settings, actual.id, hidden);
  }
}
