/** `Custom::WorkMailUser`: creates, registers, updates in place and deletes a WorkMail user. */
import { createUser, mailboxQuota, resetPassword, updateMailboxQuota, updateUser } from './apply';
import { ActualUser, parseUserSettings, passwordChanged, planAttributes, planMailboxQuota, UserSettings } from './plan';
import { UserResourceProperties } from '../../private/entity-properties';
import { createEntity, findByName } from '../entity/apply';
import { converge, deadlineData, deadlineOf, deletionPhase, existingEntity } from '../entity/lifecycle';
import { checkRename, parseRegistration, planCreate } from '../entity/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';

export const userHandler: ResourceHandler<UserResourceProperties> = {
  async onEvent(event: ResourceEvent<UserResourceProperties>): Promise<OnEventResult> {
    const settings = parseUserSettings(event.ResourceProperties);
    const { organizationId, name } = settings.registration;
    switch (event.RequestType) {
      case 'Create': {
        const existing = await findByName('user', organizationId, name);
        let userId: string;
        if (planCreate('user', settings.registration, existing) === 'create') {
          userId = await createEntity('user', organizationId, name, () => createUser(settings));
        } else {
          // An earlier delivery of this request created the user: finish what it started.
          userId = existing!.id;
          if (settings.passwordSecretArn !== undefined) {
            await resetPassword(settings, userId);
          }
        }
        await updateAttributes(undefined, settings, await existingEntity('user', organizationId, userId));
        return { PhysicalResourceId: userId, Data: deadlineData(settings.registration) };
      }
      case 'Update': {
        const previous = parseUserSettings(event.OldResourceProperties!);
        const userId = event.PhysicalResourceId!;
        const actual = await existingEntity('user', organizationId, userId);
        checkRename('user', settings.registration, actual);
        await updateAttributes(previous, settings, actual);
        if (passwordChanged(previous, settings)) {
          await resetPassword(settings, userId);
        }
        return { PhysicalResourceId: userId, Data: deadlineData(settings.registration) };
      }
      case 'Delete':
        await deletionPhase('onEvent', 'user', organizationId, event.PhysicalResourceId);
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  async isComplete(event: IsCompleteEvent<UserResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseUserSettings(event.ResourceProperties);
    const userId = event.PhysicalResourceId;
    if (event.RequestType === 'Delete') {
      return { IsComplete: await deletionPhase('isComplete', 'user', settings.registration.organizationId, userId) };
    }
    const previousAliases = event.OldResourceProperties ? parseRegistration(event.OldResourceProperties, true).aliases : [];
    if (!(await converge('user', settings.registration, previousAliases, userId, deadlineOf(event)))) {
      return { IsComplete: false };
    }
    if (settings.registration.enabled) {
      const quota = planMailboxQuota(settings, await mailboxQuota(settings, userId));
      if (quota !== undefined) {
        await updateMailboxQuota(settings, userId, quota);
      }
    }
    return { IsComplete: true, Data: { UserId: userId, Email: settings.registration.email ?? '' } };
  },
};

async function updateAttributes(previous: UserSettings | undefined, settings: UserSettings, actual: ActualUser): Promise<void> {
  const changes = planAttributes(previous, settings, actual);
  if (changes) {
    await updateUser(settings, actual.id, changes);
  }
}
