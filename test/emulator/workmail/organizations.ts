import { randomBytes } from 'crypto';
import { epochSeconds, operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { EmulatorContext, Organization } from '../state';
import { advance, creationPath, enterState, startDeletion } from './lifecycle';
import { isLive, requireOrganization } from './lookup';

interface CreateOrganizationInput {
  readonly Alias: string;
  readonly DirectoryId?: string;
  readonly KmsKeyArn?: string;
  readonly EnableInteroperability?: boolean;
  readonly Domains?: ReadonlyArray<{ readonly DomainName: string; readonly HostedZoneId?: string }>;
  readonly ClientToken?: string;
}

interface DescribeOrganizationInput {
  readonly OrganizationId: string;
}

interface DeleteOrganizationInput {
  readonly OrganizationId: string;
  readonly DeleteDirectory: boolean;
  readonly ForceDelete?: boolean;
  readonly ClientToken?: string;
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function createOrganization(input: CreateOrganizationInput, ctx: EmulatorContext): Organization {
  if (input.EnableInteroperability === true && input.DirectoryId === undefined) {
    throw new ServiceError('InvalidParameterException', 'EnableInteroperability requires the DirectoryId of an AD Connector directory.');
  }
  const live = [...ctx.state.organizations.values()].filter(isLive);
  if (live.some((o) => o.alias.toLowerCase() === input.Alias.toLowerCase())) {
    throw new ServiceError('NameAvailabilityException', `Alias ${input.Alias} is already in use.`);
  }
  if (input.DirectoryId !== undefined && live.some((o) => o.directoryId === input.DirectoryId)) {
    throw new ServiceError('DirectoryInUseException', `Directory ${input.DirectoryId} is already used by another organization.`);
  }
  const organizationId = `m-${randomHex(16)}`;
  const [initialState, ...pendingStates] = creationPath(ctx, input.Alias);
  const organization: Organization = {
    organizationId,
    alias: input.Alias,
    arn: `arn:aws:workmail:${ctx.region}:${ctx.accountId}:organization/${organizationId}`,
    directoryId: input.DirectoryId ?? `d-${randomHex(5)}`,
    directoryType: 'VpcDirectory',
    kmsKeyArn: input.KmsKeyArn,
    interoperabilityEnabled: input.EnableInteroperability ?? false,
    requestedDomains: (input.Domains ?? []).map((d) => d.DomainName),
    state: initialState,
    pendingStates,
    purged: false,
    defaultMailDomain: `${input.Alias.toLowerCase()}.awsapps.com`,
    enabledUsers: 0,
    tags: new Map(),
    mailDomains: new Map(),
    entities: new Map(),
    availabilityConfigurations: new Map(),
    addresses: new Map(),
  };
  ctx.state.organizations.set(organizationId, organization);
  // With no creation steps the first state is Active, whose side effects (domains) apply now.
  enterState(ctx, organization, initialState);
  return organization;
}

function summary(organization: Organization) {
  return {
    OrganizationId: organization.organizationId,
    Alias: organization.alias,
    DefaultMailDomain: organization.defaultMailDomain,
    ErrorMessage: organization.state === 'Failed' ? organization.errorMessage : undefined,
    State: organization.state,
  };
}

export const organizationOperations: OperationTable = {
  CreateOrganization: operation<CreateOrganizationInput>((input, ctx) => {
    // A retried request (same token) gets the organization the first one created.
    const known = input.ClientToken === undefined ? undefined : ctx.state.createTokens.get(input.ClientToken);
    if (known !== undefined) {
      return { OrganizationId: known };
    }
    const organization = createOrganization(input, ctx);
    if (input.ClientToken !== undefined) {
      ctx.state.createTokens.set(input.ClientToken, organization.organizationId);
    }
    return { OrganizationId: organization.organizationId };
  }),

  DescribeOrganization: operation<DescribeOrganizationInput>((input, ctx) => {
    const organization = requireOrganization(ctx, input.OrganizationId);
    const output = {
      ...summary(organization),
      DirectoryId: organization.directoryId,
      DirectoryType: organization.directoryType,
      CompletedDate: organization.state === 'Active' ? epochSeconds(organization.completedDate) : undefined,
      ARN: organization.arn,
      InteroperabilityEnabled: organization.interoperabilityEnabled,
    };
    advance(ctx, organization);
    return output;
  }),

  DeleteOrganization: operation<DeleteOrganizationInput>((input, ctx) => {
    const organization = requireOrganization(ctx, input.OrganizationId);
    switch (organization.state) {
      case 'Requested':
      case 'Creating':
        throw new ServiceError('OrganizationStateException', `Organization ${organization.organizationId} is still being created.`);
      case 'Deleting':
      case 'Deleted':
        // Already accepted: a repeated delete changes nothing.
        break;
      default:
        if (organization.enabledUsers > 0 && input.ForceDelete !== true) {
          throw new ServiceError('OrganizationStateException',
            `Organization ${organization.organizationId} has ${organization.enabledUsers} enabled users: deregister them or set ForceDelete.`);
        }
        organization.deleteDirectory = input.DeleteDirectory;
        startDeletion(ctx, organization);
    }
    return { OrganizationId: organization.organizationId, State: organization.state };
  }),

  ListOrganizations: operation<PageRequest>((input, ctx) => {
    const page = paginate([...ctx.state.organizations.values()].filter(isLive), input);
    return { OrganizationSummaries: page.items.map(summary), NextToken: page.nextToken };
  }),
};
