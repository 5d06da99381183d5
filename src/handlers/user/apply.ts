/** The WorkMail calls only users need: create, attributes, password, mailbox quota. */
import {
  CreateUserCommand,
  GetMailboxDetailsCommand,
  ResetPasswordCommand,
  UpdateMailboxQuotaCommand,
  UpdateUserCommand,
  UserRole,
} from '@aws-sdk/client-workmail';
import { UserChanges, UserSettings } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';
import { readSecretString } from '../shared/secrets';

export async function createUser(settings: UserSettings): Promise<string> {
  const { registration, attributes } = settings;
  const password = await secretPassword(settings);
  try {
    const { UserId } = await workMailClient().send(new CreateUserCommand({
      OrganizationId: registration.organizationId,
      Name: registration.name,
      DisplayName: attributes.DisplayName ?? registration.name,
      FirstName: attributes.FirstName,
      LastName: attributes.LastName,
      Role: settings.role as UserRole | undefined,
      HiddenFromGlobalAddressList: registration.hiddenFromGlobalAddressList,
      Password: password,
    }));
    return UserId!;
  } catch (error) {
    throw passwordRefused(error, settings) ?? error;
  }
}

export async function updateUser(settings: UserSettings, userId: string, changes: UserChanges): Promise<void> {
  await workMailClient().send(new UpdateUserCommand({
    OrganizationId: settings.registration.organizationId,
    UserId: userId,
    ...changes,
    Role: changes.Role as UserRole | undefined,
  }));
}

export async function resetPassword(settings: UserSettings, userId: string): Promise<void> {
  try {
    await workMailClient().send(new ResetPasswordCommand({
      OrganizationId: settings.registration.organizationId,
      UserId: userId,
      Password: await secretPassword(settings),
    }));
  } catch (error) {
    throw passwordRefused(error, settings) ?? error;
  }
}

export async function mailboxQuota(settings: UserSettings, userId: string): Promise<number | undefined> {
  const details = await workMailClient().send(new GetMailboxDetailsCommand({
    OrganizationId: settings.registration.organizationId,
    UserId: userId,
  }));
  return details.MailboxQuota;
}

export async function updateMailboxQuota(settings: UserSettings, userId: string, quota: number): Promise<void> {
  await workMailClient().send(new UpdateMailboxQuotaCommand({
    OrganizationId: settings.registration.organizationId,
    UserId: userId,
    MailboxQuota: quota,
  }));
}

async function secretPassword(settings: UserSettings): Promise<string | undefined> {
  return settings.passwordSecretArn === undefined
    ? undefined
    : readSecretString(settings.passwordSecretArn, settings.passwordSecretVersionId);
}

/** WorkMail's message could quote the request: say what is wrong without it. */
function passwordRefused(error: unknown, settings: UserSettings): DeploymentError | undefined {
  if (!isServiceError(error, 'InvalidPasswordException')) {
    return undefined;
  }
  return new DeploymentError(
    `WorkMail refused the password in secret ${settings.passwordSecretArn} for user ${settings.registration.name}: `
    + 'a WorkMail directory password needs 8-63 characters from at least 3 of: upper case, lower case, digits, '
    + 'special characters, Latin-1 letters. Put a conforming password in the secret (new version) and deploy again.',
  );
}
