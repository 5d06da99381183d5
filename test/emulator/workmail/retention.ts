import { operation, OperationTable, ServiceError } from '../operation';
import type { Organization } from '../state';
import { requireActiveOrganization } from './lookup';

export interface FolderConfiguration {
  readonly Name: string;
  readonly Action: string;
  readonly Period?: number;
}

export interface RetentionPolicyState {
  readonly id: string;
  name: string;
  description?: string;
  folders: FolderConfiguration[];
}

/** The organization's one (default) retention policy; kept beside the organization state so this area stays self-contained. */
const policies = new WeakMap<Organization, RetentionPolicyState>();
let nextPolicy = 0;

/** The organization's retention policy, if any: tests may read it or seed one with `setRetentionPolicy`. */
export function retentionPolicyOf(organization: Organization): RetentionPolicyState | undefined {
  return policies.get(organization);
}

export function setRetentionPolicy(organization: Organization, policy: Omit<RetentionPolicyState, 'id'>): RetentionPolicyState {
  const created = { id: `policy-${++nextPolicy}`, ...policy };
  policies.set(organization, created);
  return created;
}

interface PutRetentionPolicyInput {
  readonly OrganizationId: string;
  readonly Id?: string;
  readonly Name: string;
  readonly Description?: string;
  readonly FolderConfigurations: readonly FolderConfiguration[];
}

interface PolicyIdInput {
  readonly OrganizationId: string;
  readonly Id: string;
}

export const retentionOperations: OperationTable = {
  PutRetentionPolicy: operation<PutRetentionPolicyInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const names = input.FolderConfigurations.map((folder) => folder.Name);
    if (new Set(names).size !== names.length) {
      throw new ServiceError('InvalidParameterException', 'Each folder can have only one folder configuration.');
    }
    const existing = policies.get(organization);
    if (input.Id === undefined) {
      // One default policy per organization: a second one (no Id) exceeds the limit.
      if (existing !== undefined) {
        throw new ServiceError('LimitExceededException', 'The organization already has a retention policy: pass its Id to update it.');
      }
      setRetentionPolicy(organization, { name: input.Name, description: input.Description, folders: [...input.FolderConfigurations] });
      return {};
    }
    if (existing === undefined || existing.id !== input.Id) {
      throw new ServiceError('InvalidParameterException', `Retention policy ${input.Id} does not exist.`);
    }
    Object.assign(existing, { name: input.Name, description: input.Description, folders: [...input.FolderConfigurations] });
    return {};
  }),

  GetDefaultRetentionPolicy: operation<{ readonly OrganizationId: string }>((input, ctx) => {
    const policy = policies.get(requireActiveOrganization(ctx, input.OrganizationId));
    if (policy === undefined) {
      throw new ServiceError('EntityNotFoundException', 'The organization has no retention policy.');
    }
    return { Id: policy.id, Name: policy.name, Description: policy.description, FolderConfigurations: policy.folders };
  }),

  DeleteRetentionPolicy: operation<PolicyIdInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    if (policies.get(organization)?.id === input.Id) {
      policies.delete(organization);
    }
    return {};
  }),
};
