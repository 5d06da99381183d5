/** Availability configurations: one per organization and external domain. */
import { operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { AvailabilityConfiguration } from '../state';
import { requireActiveOrganization } from './lookup';

interface ConfigurationInput {
  readonly OrganizationId: string;
  readonly DomainName: string;
  readonly EwsProvider?: { readonly EwsEndpoint: string; readonly EwsUsername: string; readonly EwsPassword: string };
  readonly LambdaProvider?: { readonly LambdaArn: string };
  readonly ClientToken?: string;
}

/** "Exactly one" of the two providers. */
function provider(input: ConfigurationInput): Pick<AvailabilityConfiguration, 'ews' | 'lambdaArn'> {
  if ((input.EwsProvider === undefined) === (input.LambdaProvider === undefined)) {
    throw new ServiceError('InvalidParameterException', 'Exactly one of EwsProvider and LambdaProvider must be given.');
  }
  return {
    ews: input.EwsProvider && {
      endpoint: input.EwsProvider.EwsEndpoint, username: input.EwsProvider.EwsUsername, password: input.EwsProvider.EwsPassword,
    },
    lambdaArn: input.LambdaProvider?.LambdaArn,
  };
}

export const availabilityOperations: OperationTable = {
  CreateAvailabilityConfiguration: operation<ConfigurationInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const domainName = input.DomainName.toLowerCase();
    const existing = organization.availabilityConfigurations.get(domainName);
    if (existing !== undefined) {
      if (input.ClientToken !== undefined && existing.clientToken === input.ClientToken) {
        return {}; // a retry of the request that created it
      }
      throw new ServiceError('NameAvailabilityException', `An availability configuration for ${domainName} already exists.`);
    }
    organization.availabilityConfigurations.set(domainName, { domainName, clientToken: input.ClientToken, ...provider(input) });
    return {};
  }),

  UpdateAvailabilityConfiguration: operation<ConfigurationInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const existing = organization.availabilityConfigurations.get(input.DomainName.toLowerCase());
    if (existing === undefined) {
      throw new ServiceError('ResourceNotFoundException', `No availability configuration for ${input.DomainName}.`);
    }
    Object.assign(existing, provider(input));
    return {};
  }),

  DeleteAvailabilityConfiguration: operation<ConfigurationInput>((input, ctx) => {
    requireActiveOrganization(ctx, input.OrganizationId).availabilityConfigurations.delete(input.DomainName.toLowerCase());
    return {};
  }),

  ListAvailabilityConfigurations: operation<{ readonly OrganizationId: string } & PageRequest>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const page = paginate([...organization.availabilityConfigurations.values()], input);
    return {
      AvailabilityConfigurations: page.items.map((c) => ({
        DomainName: c.domainName,
        ProviderType: c.ews ? 'EWS' : 'LAMBDA',
        EwsProvider: c.ews && { EwsEndpoint: c.ews.endpoint, EwsUsername: c.ews.username },
        LambdaProvider: c.lambdaArn && { LambdaArn: c.lambdaArn },
      })),
      NextToken: page.nextToken,
    };
  }),
};
