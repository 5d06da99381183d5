/** The WorkMail calls users and groups share: describe, registration, aliases, deletion. */
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteGroupCommand,
  DeleteResourceCommand,
  DeleteUserCommand,
  DeregisterFromWorkMailCommand,
  DescribeGroupCommand,
  DescribeResourceCommand,
  DescribeUserCommand,
  paginateListAliases,
  paginateListGroups,
  paginateListResources,
  paginateListUsers,
  RegisterToWorkMailCommand,
  UpdatePrimaryEmailAddressCommand,
} from '@aws-sdk/client-workmail';
import { ActualEntity, domainNotVerified, EntityKind, RegistrationSettings, RegistrationStep } from './plan';
import { USER_ATTRIBUTE_NAMES } from '../../private/entity-properties';
import { ActualResource } from '../resource/plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';
import { listAll } from '../shared/paginate';
import { ActualUser } from '../user/plan';

/** A user, group or resource as WorkMail describes it, or undefined when WorkMail does not know it. */
export async function describeEntity(kind: 'user', organizationId: string, identifier: string): Promise<ActualUser | undefined>;
export async function describeEntity(kind: 'resource', organizationId: string, identifier: string): Promise<ActualResource | undefined>;
export async function describeEntity(kind: EntityKind, organizationId: string, identifier: string): Promise<ActualEntity | undefined>;
export async function describeEntity(kind: EntityKind, organizationId: string, identifier: string): Promise<ActualEntity | undefined> {
  const workMail = workMailClient();
  try {
    if (kind === 'user') {
      const user = await workMail.send(new DescribeUserCommand({ OrganizationId: organizationId, UserId: identifier }));
      const described: ActualUser = {
        ...entity(user.UserId, user.Name, user.State, user.Email, user.HiddenFromGlobalAddressList),
        role: user.UserRole,
        attributes: Object.fromEntries(USER_ATTRIBUTE_NAMES.filter((name) => user[name]).map((name) => [name, user[name]])),
      };
      return described;
    }
    if (kind === 'resource') {
      const resource = await workMail.send(new DescribeResourceCommand({ OrganizationId: organizationId, ResourceId: identifier }));
      const described: ActualResource = {
        ...entity(resource.ResourceId, resource.Name, resource.State, resource.Email, resource.HiddenFromGlobalAddressList),
        type: resource.Type,
        description: resource.Description,
        bookingOptions: resource.BookingOptions ?? {},
      };
      return described;
    }
    const group = await workMail.send(new DescribeGroupCommand({ OrganizationId: organizationId, GroupId: identifier }));
    return entity(group.GroupId, group.Name, group.State, group.Email, group.HiddenFromGlobalAddressList);
  } catch (error) {
    if (isServiceError(error, 'EntityNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

function entity(id?: string, name?: string, state?: string, email?: string, hidden?: boolean): ActualEntity {
  return { id: id!, name: name!, state: state as ActualEntity['state'], email: email?.toLowerCase(), hiddenFromGlobalAddressList: hidden };
}

/**
 * The live user or group with this name. Looked up by listing with a name prefix, because
 * group names may hold characters (spaces) that Describe's identifier does not accept.
 */
export async function findByName(kind: EntityKind, organizationId: string, name: string): Promise<ActualEntity | undefined> {
  const client = { client: workMailClient() };
  const entities = kind === 'user'
    ? await listAll(paginateListUsers(client, { OrganizationId: organizationId, Filters: { UsernamePrefix: name } }), (page) => page.Users)
    : kind === 'group'
      ? await listAll(paginateListGroups(client, { OrganizationId: organizationId, Filters: { NamePrefix: name } }), (page) => page.Groups)
      : await listAll(paginateListResources(client, { OrganizationId: organizationId, Filters: { NamePrefix: name } }), (page) => page.Resources);
  const match = entities.find((e) => e.State !== 'DELETED' && e.Name?.toLowerCase() === name.toLowerCase());
  return match && entity(match.Id, match.Name, match.State, match.Email);
}

/**
 * Creates an entity with `create`, which WorkMail does without a client token. When the SDK had
 * to retry the create (an answer lost after WorkMail made the entity), the retry is refused as
 * a taken name: the entity with that name, which the look-up before creating did not find, is
 * the one the first attempt made.
 */
export async function createEntity(kind: EntityKind, organizationId: string, name: string, create: () => Promise<string>): Promise<string> {
  try {
    return await create();
  } catch (error) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    const made = isServiceError(error, 'NameAvailabilityException') && attempts > 1
      ? await findByName(kind, organizationId, name)
      : undefined;
    if (made === undefined) {
      throw error;
    }
    return made.id;
  }
}

export async function listAliases(organizationId: string, entityId: string): Promise<string[]> {
  const aliases = await listAll(
    paginateListAliases({ client: workMailClient() }, { OrganizationId: organizationId, EntityId: entityId }),
    (page) => page.Aliases,
  );
  return aliases.map((alias) => alias.toLowerCase());
}

/**
 * Runs one registration step. Returns 'wait' when the address's domain is registered but not
 * verified yet (until `deadline`, epoch ms), 'done' otherwise.
 */
export async function applyRegistrationStep(
  step: RegistrationStep,
  settings: RegistrationSettings,
  entityId: string,
  deadline: number,
): Promise<'done' | 'wait'> {
  const workMail = workMailClient();
  const OrganizationId = settings.organizationId;
  try {
    switch (step.kind) {
      case 'RegisterToWorkMail':
        await workMail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: entityId, Email: step.email }));
        break;
      case 'UpdatePrimaryEmailAddress':
        await workMail.send(new UpdatePrimaryEmailAddressCommand({ OrganizationId, EntityId: entityId, Email: step.email }));
        break;
      case 'DeregisterFromWorkMail':
        await workMail.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: entityId }));
        break;
      case 'CreateAlias':
        await workMail.send(new CreateAliasCommand({ OrganizationId, EntityId: entityId, Alias: step.alias }));
        break;
      case 'DeleteAlias':
        await workMail.send(new DeleteAliasCommand({ OrganizationId, EntityId: entityId, Alias: step.alias }));
        break;
    }
    return 'done';
  } catch (error) {
    const address = 'email' in step ? step.email : 'alias' in step ? step.alias : undefined;
    if (isServiceError(error, 'MailDomainStateException')) {
      return domainNotVerified(settings, Date.now(), deadline);
    }
    if (isServiceError(error, 'MailDomainNotFoundException')) {
      const domain = address?.split('@')[1];
      throw new DeploymentError(
        `${step.kind} failed for ${settings.name}: the mail domain ${domain} of ${address} is not registered in organization ${OrganizationId}. `
        + 'Add the domain to the organization (a Domain construct in the stack does this) or use an address on one of its domains.',
      );
    }
    if (isServiceError(error, 'EmailAddressInUseException')) {
      throw new DeploymentError(
        `${step.kind} failed for ${settings.name}: ${address} is already the address or an alias of another user, group or resource `
        + 'in the organization. Choose another address, or remove it from its current owner first.',
      );
    }
    throw error;
  }
}

/** Deregisters (onEvent of a Delete): the entity keeps its data for 30 days, disabled. */
export async function deregister(organizationId: string, entityId: string): Promise<void> {
  try {
    await workMailClient().send(new DeregisterFromWorkMailCommand({ OrganizationId: organizationId, EntityId: entityId }));
  } catch (error) {
    if (!isServiceError(error, 'EntityNotFoundException')) {
      throw error;
    }
  }
}

export async function deleteEntity(kind: EntityKind, organizationId: string, entityId: string): Promise<void> {
  const workMail = workMailClient();
  if (kind === 'user') {
    await workMail.send(new DeleteUserCommand({ OrganizationId: organizationId, UserId: entityId }));
  } else if (kind === 'group') {
    await workMail.send(new DeleteGroupCommand({ OrganizationId: organizationId, GroupId: entityId }));
  } else {
    await workMail.send(new DeleteResourceCommand({ OrganizationId: organizationId, ResourceId: entityId }));
  }
}
