/** `Custom::WorkMailUser`: creates, registers, updates in place and deletes a WorkMail user. */
import { createUser, mailboxQuota, resetPassword, updateMailboxQuota, updateUser } from './apply';
import { ActualUser, madeByCreateUser, parseUserSettings, passwordChanged, planAttributes, planMailboxQuota, UserSettings } from './plan';
import { UserResourceProperties } from '../../private/entity-properties';
import { createEntity, describeEntity, findByName } from '../entity/apply';
import { claimEntity, converge, deadlineData, deadlineOf, existingEntity, finishDeletion, startDeletion } from '../entity/lifecycle';
import { checkRename, parseRegistration, planCreate } from '../entity/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { isServiceError } from '../shared/errors';
import { adoptsExisting } from '../shared/ownership';

export const userHandler: ResourceHandler<UserResourceProperties> = {
  async onEvent(event: ResourceEvent<UserResourceProperties>): Promise<OnEventResult> {
    const settings = parseUserSettings(event.ResourceProperties);
    const { organizationId } = settings.registration;
    switch (event.RequestType) {
      case 'Create': {
        // Nothing follows the create call here (attributes are set in isComplete): a redelivery
        // finds the user exactly as CreateUser made it. Adopting never sets the password.
        const adopt = adoptsExisting(event.ResourceProperties);
        const { plan, userId } = adopt ? await lookUpThenCreate(settings, true) : await createThenLookUp(settings);
        await claimEntity(event.ResourceProperties, event, userId, plan === 'adopt');
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
        return startDeletion('user', organizationId, event);
    }
  },

  async isComplete(event: IsCompleteEvent<UserResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseUserSettings(event.ResourceProperties);
    const userId = event.PhysicalResourceId;
    if (event.RequestType === 'Delete') {
      return finishDeletion('user', settings.registration.organizationId, event);
    }
    // One read serves both steps: setting attributes changes nothing registration looks at.
    const actual = await existingEntity('user', settings.registration.organizationId, userId);
    if (event.RequestType === 'Create') {
      await updateAttributes(undefined, settings, actual);
    }
    const previousAliases = event.OldResourceProperties ? parseRegistration(event.OldResourceProperties, true).aliases : [];
    const adopt = adoptsExisting(event.ResourceProperties);
    if (!(await converge('user', settings.registration, previousAliases, userId, deadlineOf(event), adopt, actual))) {
      return { IsComplete: false };
    }
    // A quota the properties do not name is left as it is, so nothing to read.
    if (settings.registration.enabled && settings.mailboxQuota !== undefined) {
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

type CreatePlan = ReturnType<typeof planCreate>;

/**
 * Finds a live user of the name, then creates, adopts or finishes it, or refuses it (`planCreate`).
 * `refusal` is WorkMail's answer to a create just tried: when no user of the name is there to
 * finish or refuse, that answer stands, since trying again would get it again.
 */
async function lookUpThenCreate(settings: UserSettings, adopt: boolean, refusal?: unknown): Promise<{ plan: CreatePlan; userId: string }> {
  const { organizationId, name } = settings.registration;
  const existing = await findByName('user', organizationId, name);
  const described = existing && !adopt ? await describeEntity('user', organizationId, existing.id) : undefined;
  const plan = planCreate('user', settings.registration, existing, adopt, described !== undefined && madeByCreateUser(settings, described));
  if (plan === 'create' && refusal !== undefined) {
    throw refusal;
  }
  return { plan, userId: plan === 'create' ? await createEntity('user', organizationId, name, () => createUser(settings)) : existing!.id };
}

/**
 * Without adoption the name is tried first: WorkMail refuses a name a live user holds, and any
 * create in a read-only directory (AD Connector), where the user may exist. Only then is the
 * name looked up, to finish a user this Create made (a redelivery, or a create whose answer was
 * lost) or to refuse someone else's, exactly as looking up first would. A deployment that
 * creates many users at once makes one call a user here instead of two.
 */
async function createThenLookUp(settings: UserSettings): Promise<{ plan: CreatePlan; userId: string }> {
  try {
    return { plan: 'create', userId: await createUser(settings) };
  } catch (error) {
    if (!isServiceError(error, 'NameAvailabilityException') && !isServiceError(error, 'UnsupportedOperationException')) {
      throw error;
    }
    return lookUpThenCreate(settings, false, error);
  }
}
