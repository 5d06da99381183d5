/** `Custom::WorkMailGroup`: creates, registers, updates in place and deletes a WorkMail group. */
import { changeMembers, createGroup, listMembers, updateGroup } from './apply';
import { GroupSettings, parseGroupSettings, planHidden } from './plan';
import { GroupResourceProperties } from '../../private/entity-properties';
import { createEntity, findByName } from '../entity/apply';
import { claimEntity, converge, deadlineData, deadlineOf, existingEntity, finishDeletion, startDeletion } from '../entity/lifecycle';
import { ActualEntity, checkRename, planCreate, planLinks } from '../entity/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { adoptsExisting } from '../shared/ownership';

export const groupHandler: ResourceHandler<GroupResourceProperties> = {
  async onEvent(event: ResourceEvent<GroupResourceProperties>): Promise<OnEventResult> {
    const settings = parseGroupSettings(event.ResourceProperties);
    const { organizationId, name } = settings.registration;
    switch (event.RequestType) {
      case 'Create': {
        const adopt = adoptsExisting(event.ResourceProperties);
        const existing = await findByName('group', organizationId, name);
        // CreateGroup sets little more than the name, and a deregistered group keeps its address:
        // a disabled group without one is what an earlier delivery of this Create made.
        const plan = planCreate('group', settings.registration, existing, adopt, true);
        if (plan === 'create') {
          const groupId = await createEntity('group', organizationId, name, () => createGroup(settings));
          await claimEntity(event.ResourceProperties, event, groupId, false);
          return { PhysicalResourceId: groupId, Data: deadlineData(settings.registration) };
        }
        await hide(settings, await existingEntity('group', organizationId, existing!.id));
        await claimEntity(event.ResourceProperties, event, existing!.id, plan === 'adopt');
        return { PhysicalResourceId: existing!.id, Data: deadlineData(settings.registration) };
      }
      case 'Update': {
        const actual = await existingEntity('group', organizationId, event.PhysicalResourceId!);
        checkRename('group', settings.registration, actual);
        await hide(settings, actual, parseGroupSettings(event.OldResourceProperties!));
        return { PhysicalResourceId: actual.id, Data: deadlineData(settings.registration) };
      }
      case 'Delete':
        return startDeletion('group', organizationId, event);
    }
  },

  async isComplete(event: IsCompleteEvent<GroupResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseGroupSettings(event.ResourceProperties);
    const groupId = event.PhysicalResourceId;
    if (event.RequestType === 'Delete') {
      return finishDeletion('group', settings.registration.organizationId, event);
    }
    const previous = event.OldResourceProperties ? parseGroupSettings(event.OldResourceProperties) : undefined;
    const adopt = adoptsExisting(event.ResourceProperties);
    if (!(await converge('group', settings.registration, previous?.registration.aliases ?? [], groupId, deadlineOf(event), adopt))) {
      return { IsComplete: false };
    }
    const changes = planLinks(previous?.members ?? [], settings.members, await listMembers(settings, groupId));
    await changeMembers(settings, groupId, changes);
    return { IsComplete: true, Data: { GroupId: groupId, Email: settings.registration.email ?? '' } };
  },
};

async function hide(settings: GroupSettings, actual: ActualEntity, previous?: GroupSettings): Promise<void> {
  const hidden = planHidden(settings, actual, previous);
  if (hidden !== undefined) {
    await updateGroup(settings, actual.id, hidden);
  }
}
