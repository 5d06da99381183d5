/** `Custom::WorkMailResource`: a bookable room or piece of equipment. */
import { addDelegates, createResource, listDelegates, removeDelegates, updateResource } from './apply';
import { keepState, madeByCreateResource, parseResourceSettings, planResourceUpdate } from './plan';
import { ResourceResourceProperties } from '../../private/entity-properties';
import { createEntity, describeEntity, findByName } from '../entity/apply';
import { claimEntity, converge, deadlineData, deadlineOf, existingEntity, finishDeletion, startDeletion } from '../entity/lifecycle';
import { planCreate, planLinks } from '../entity/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { adoptsExisting } from '../shared/ownership';

export const resourceHandler: ResourceHandler<ResourceResourceProperties> = {
  async onEvent(event: ResourceEvent<ResourceResourceProperties>): Promise<OnEventResult> {
    const settings = parseResourceSettings(event.ResourceProperties);
    const { organizationId, name } = settings.registration;
    switch (event.RequestType) {
      case 'Create': {
        const adopt = adoptsExisting(event.ResourceProperties);
        const existing = await findByName('resource', organizationId, name);
        const described = existing && !adopt ? await describeEntity('resource', organizationId, existing.id) : undefined;
        const plan = planCreate('resource', settings.registration, existing, adopt, described !== undefined && madeByCreateResource(settings, described));
        const resourceId = plan === 'create'
          ? await createEntity('resource', organizationId, name, () => createResource(settings))
          : existing!.id;
        await claimEntity(event.ResourceProperties, event, resourceId, plan === 'adopt');
        return { PhysicalResourceId: resourceId, Data: deadlineData(settings.registration) };
      }
      case 'Update': {
        // Renames and every other change happen in isComplete, after delegates are in place.
        const actual = await existingEntity('resource', organizationId, event.PhysicalResourceId!);
        return { PhysicalResourceId: actual.id, Data: deadlineData(settings.registration) };
      }
      case 'Delete':
        return startDeletion('resource', organizationId, event);
    }
  },

  async isComplete(event: IsCompleteEvent<ResourceResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseResourceSettings(event.ResourceProperties);
    const resourceId = event.PhysicalResourceId;
    const { organizationId } = settings.registration;
    if (event.RequestType === 'Delete') {
      return finishDeletion('resource', organizationId, event);
    }
    const previous = event.OldResourceProperties ? parseResourceSettings(event.OldResourceProperties) : undefined;
    // Adoption changes the enabled state only when the properties name it.
    const keepsState = adoptsExisting(event.ResourceProperties) && event.ResourceProperties.Enabled === undefined;
    // The state read here serves registration too: one read per call under a burst.
    const actual = keepsState ? await existingEntity('resource', organizationId, resourceId) : undefined;
    const registration = actual ? keepState(settings.registration, actual.state) : settings.registration;
    if (!(await converge('resource', registration, previous?.registration.aliases ?? [], resourceId, deadlineOf(event), keepsState, actual))) {
      return { IsComplete: false };
    }
    // Delegates first: WorkMail refuses to stop auto-accepting while no delegate handles requests.
    const delegates = planLinks(previous?.delegates ?? [], settings.delegates, await listDelegates(settings, resourceId));
    await addDelegates(settings, resourceId, delegates.add);
    // Read after registration, which changes what planResourceUpdate compares; a resource gone
    // meanwhile fails here rather than reporting an update that never happened.
    const changes = planResourceUpdate(previous, settings, await existingEntity('resource', organizationId, resourceId));
    if (changes) {
      await updateResource(settings, resourceId, changes);
    }
    await removeDelegates(settings, resourceId, delegates.remove);
    return { IsComplete: true, Data: { ResourceId: resourceId, Email: registration.enabled ? registration.email! : '' } };
  },
};
