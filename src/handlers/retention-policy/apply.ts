/** Reads and writes an organization's retention policy. */
import { DeleteRetentionPolicyCommand, GetDefaultRetentionPolicyCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-workmail';
import { CurrentPolicy, Operation } from './plan';
import { workMailClient } from '../shared/clients';
import { isServiceError } from '../shared/errors';

/** The organization's policy, or undefined when it has none (EntityNotFoundException). */
export async function currentPolicy(organizationId: string): Promise<CurrentPolicy | undefined> {
  try {
    const policy = await workMailClient().send(new GetDefaultRetentionPolicyCommand({ OrganizationId: organizationId }));
    return { id: policy.Id!, name: policy.Name!, description: policy.Description || undefined, folders: policy.FolderConfigurations ?? [] };
  } catch (error) {
    if (isServiceError(error, 'EntityNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

export async function apply(organizationId: string, operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'PutRetentionPolicy':
      await workMailClient().send(new PutRetentionPolicyCommand({
        OrganizationId: organizationId,
        Id: operation.id,
        Name: operation.policy.name,
        Description: operation.policy.description,
        FolderConfigurations: operation.policy.folders,
      }));
      return;
    case 'DeleteRetentionPolicy':
      await workMailClient().send(new DeleteRetentionPolicyCommand({ OrganizationId: organizationId, Id: operation.id }));
      return;
  }
}
