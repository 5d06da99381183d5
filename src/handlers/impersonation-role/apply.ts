/** The WorkMail calls of the impersonation role handler. */
import {
  CreateImpersonationRoleCommand,
  DeleteImpersonationRoleCommand,
  GetImpersonationRoleCommand,
  GetImpersonationRoleResponse,
  UpdateImpersonationRoleCommand,
} from '@aws-sdk/client-workmail';
import { roleRequest } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError, deleting } from '../shared/errors';

type RoleRequest = ReturnType<typeof roleRequest>;

export async function createRole(request: RoleRequest, clientToken: string): Promise<string> {
  const { ImpersonationRoleId } = await workMailClient().send(new CreateImpersonationRoleCommand({ ...request, ClientToken: clientToken }));
  return ImpersonationRoleId!;
}

export async function updateRole(request: RoleRequest, impersonationRoleId: string): Promise<void> {
  try {
    await workMailClient().send(new UpdateImpersonationRoleCommand({ ...request, ImpersonationRoleId: impersonationRoleId }));
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException')) {
      throw new DeploymentError(
        `Impersonation role ${impersonationRoleId} no longer exists in organization ${request.OrganizationId}: it was deleted outside CloudFormation. `
        + 'Give the ImpersonationRole construct a new id (so that CloudFormation creates a new role) and deploy again.',
      );
    }
    throw error;
  }
}

/** The role of this id; undefined when there is none (the Update that follows then says so). */
export async function getRole(organizationId: string, impersonationRoleId: string): Promise<GetImpersonationRoleResponse | undefined> {
  try {
    return await workMailClient().send(new GetImpersonationRoleCommand({ OrganizationId: organizationId, ImpersonationRoleId: impersonationRoleId }));
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

export async function deleteRole(organizationId: string, impersonationRoleId: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteImpersonationRoleCommand({
    OrganizationId: organizationId, ImpersonationRoleId: impersonationRoleId,
  })), 'ResourceNotFoundException');
}
