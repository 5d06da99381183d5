/** The WorkMail calls only resources need: create, update, delegates. */
import {
  AssociateDelegateToResourceCommand,
  CreateResourceCommand,
  DisassociateDelegateFromResourceCommand,
  paginateListResourceDelegates,
  ResourceType,
  UpdateResourceCommand,
} from '@aws-sdk/client-workmail';
import { ResourceChanges, ResourceSettings } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';
import { listAll } from '../shared/paginate';

export async function createResource(settings: ResourceSettings): Promise<string> {
  const { ResourceId } = await workMailClient().send(new CreateResourceCommand({
    OrganizationId: settings.registration.organizationId,
    Name: settings.registration.name,
    Type: settings.type as ResourceType,
    Description: settings.description,
    HiddenFromGlobalAddressList: settings.registration.hiddenFromGlobalAddressList,
  }));
  return ResourceId!;
}

export async function updateResource(settings: ResourceSettings, resourceId: string, changes: ResourceChanges): Promise<void> {
  try {
    await workMailClient().send(new UpdateResourceCommand({
      OrganizationId: settings.registration.organizationId,
      ResourceId: resourceId,
      ...changes,
      Type: changes.Type as ResourceType | undefined,
    }));
  } catch (error) {
    if (isServiceError(error, 'InvalidConfigurationException')) {
      throw new DeploymentError(
        `WorkMail refused the booking options of resource ${settings.registration.name}: a resource that does not accept requests `
        + 'automatically needs at least one delegate to handle them. Add delegates, or set autoAcceptRequests to true.',
      );
    }
    throw error;
  }
}

export async function listDelegates(settings: ResourceSettings, resourceId: string): Promise<string[]> {
  const delegates = await listAll(
    paginateListResourceDelegates({ client: workMailClient() }, { OrganizationId: settings.registration.organizationId, ResourceId: resourceId }),
    (page) => page.Delegates,
  );
  return delegates.map((delegate) => delegate.Id!);
}

export async function addDelegates(settings: ResourceSettings, resourceId: string, ids: readonly string[]): Promise<void> {
  for (const EntityId of ids) {
    await workMailClient().send(new AssociateDelegateToResourceCommand({
      OrganizationId: settings.registration.organizationId, ResourceId: resourceId, EntityId,
    }));
  }
}

export async function removeDelegates(settings: ResourceSettings, resourceId: string, ids: readonly string[]): Promise<void> {
  for (const EntityId of ids) {
    try {
      await workMailClient().send(new DisassociateDelegateFromResourceCommand({
        OrganizationId: settings.registration.organizationId, ResourceId: resourceId, EntityId,
      }));
    } catch (error) {
      // The delegate was deleted meanwhile: it no longer handles requests, as asked.
      if (!isServiceError(error, 'EntityNotFoundException')) {
        throw error;
      }
    }
  }
}
