/**
 * Test helpers that populate an organization's directory through the real WorkMail API of the
 * emulator (CreateUser, RegisterToWorkMail, ...), as an administrator would.
 */
import {
  CreateResourceCommand,
  CreateUserCommand,
  DeleteUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import type { OrganizationTestContext } from './active-organization';

/** A client of the emulator: the handler tests point the SDK at it through the environment. */
export function workMail(): WorkMailClient {
  return new WorkMailClient({});
}

/** Registers a custom domain and has SES verify it at once, so addresses can be created on it. */
export async function addVerifiedDomain(mail: OrganizationTestContext, domainName: string): Promise<void> {
  await workMail().send(new RegisterMailDomainCommand({ OrganizationId: mail.organizationId, DomainName: domainName }));
  mail.emulator.verifyMailDomain(mail.organizationId, domainName);
}

/** Creates a user; with an address it is registered to WorkMail (ENABLED, with a mailbox), else it stays DISABLED. */
export async function createUser(mail: OrganizationTestContext, name: string, email?: string): Promise<string> {
  const client = workMail();
  const { UserId } = await client.send(new CreateUserCommand({ OrganizationId: mail.organizationId, Name: name, DisplayName: name }));
  if (email !== undefined) {
    await client.send(new RegisterToWorkMailCommand({ OrganizationId: mail.organizationId, EntityId: UserId, Email: email }));
  }
  return UserId!;
}

/** Creates a user and deletes it: WorkMail lists it in state DELETED. */
export async function createDeletedUser(mail: OrganizationTestContext, name: string): Promise<string> {
  const id = await createUser(mail, name);
  await workMail().send(new DeleteUserCommand({ OrganizationId: mail.organizationId, UserId: id }));
  return id;
}

/** Creates a room and registers it to WorkMail with its address (ENABLED, with a mailbox). */
export async function createRoom(mail: OrganizationTestContext, name: string, email: string): Promise<string> {
  const client = workMail();
  const { ResourceId } = await client.send(new CreateResourceCommand({ OrganizationId: mail.organizationId, Name: name, Type: 'ROOM' }));
  await client.send(new RegisterToWorkMailCommand({ OrganizationId: mail.organizationId, EntityId: ResourceId, Email: email }));
  return ResourceId!;
}
