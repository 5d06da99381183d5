/**
 * The organization's identity provider settings (IAM Identity Center, personal access tokens), as
 * DescribeIdentityProviderConfiguration reports them. The API to set them needs an Identity Center
 * instance: tests seed them with `setIdentityProviderConfiguration`.
 */
import { operation, OperationTable, ServiceError } from '../operation';
import type { Organization } from '../state';
import { requireActiveOrganization } from './lookup';

export interface IdentityProviderConfiguration {
  readonly AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY' | 'IDENTITY_PROVIDER_ONLY';
  readonly IdentityCenterConfiguration?: { readonly InstanceArn: string; readonly ApplicationArn: string };
  readonly PersonalAccessTokenConfiguration?: { readonly Status: 'ACTIVE' | 'INACTIVE'; readonly LifetimeInDays?: number };
}

const configurations = new WeakMap<Organization, IdentityProviderConfiguration>();

export function setIdentityProviderConfiguration(organization: Organization, configuration: IdentityProviderConfiguration): void {
  configurations.set(organization, configuration);
}

export const identityProviderOperations: OperationTable = {
  DescribeIdentityProviderConfiguration: operation<{ readonly OrganizationId: string }>((input, ctx) => {
    const configuration = configurations.get(requireActiveOrganization(ctx, input.OrganizationId));
    if (configuration === undefined) {
      throw new ServiceError('ResourceNotFoundException', 'The organization has no identity provider configuration.');
    }
    return { ...configuration };
  }),
};
