/**
 * Read-only views of the organization configuration that the configuration snapshot lists:
 * groups and members, aliases, resource details and delegates, access control rules,
 * impersonation roles, mobile device access rules and overrides, email monitoring and
 * availability configurations. Tests seed them with `seedConfiguration`; the fuller emulations
 * of these areas (with their write operations) replace these reads when they exist.
 */
import { operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { EmulatorContext, Organization } from '../state';
import { requireActiveOrganization } from './lookup';
import { mailboxOwners } from './mailboxes';

type Item = Record<string, unknown>;

export interface SeededGroup {
  readonly Id: string;
  readonly Name: string;
  readonly Email?: string;
  readonly State: 'ENABLED' | 'DISABLED' | 'DELETED';
  readonly members: Item[];
}

export interface OrganizationConfiguration {
  groups: SeededGroup[];
  /** Entity id to its aliases. */
  aliases: Record<string, string[]>;
  /** Resource id to its delegates. */
  delegates: Record<string, Item[]>;
  /** Resource id to DescribeResource extras (BookingOptions, ...). */
  resourceDetails: Record<string, Item>;
  accessControlRules: Item[];
  /** Full GetImpersonationRole answers, keyed by ImpersonationRoleId. */
  impersonationRoles: Item[];
  mobileDeviceAccessRules: Item[];
  mobileDeviceAccessOverrides: Item[];
  availabilityConfigurations: Item[];
}

const configurations = new WeakMap<Organization, OrganizationConfiguration>();

export function seedConfiguration(organization: Organization, seed: Partial<OrganizationConfiguration>): OrganizationConfiguration {
  const configuration = { ...configurationOf(organization), ...seed };
  configurations.set(organization, configuration);
  return configuration;
}

function configurationOf(organization: Organization): OrganizationConfiguration {
  return configurations.get(organization) ?? {
    groups: [],
    aliases: {},
    delegates: {},
    resourceDetails: {},
    accessControlRules: [],
    impersonationRoles: [],
    mobileDeviceAccessRules: [],
    mobileDeviceAccessOverrides: [],
    availabilityConfigurations: [],
  };
}

interface OrganizationInput extends PageRequest {
  readonly OrganizationId: string;
}

function read(ctx: EmulatorContext, input: OrganizationInput) {
  const organization = requireActiveOrganization(ctx, input.OrganizationId);
  return { organization, configuration: configurationOf(organization) };
}

/** An entity that aliases, members or delegates are read from: it must exist and not be deleted. */
function requireLiveEntity(organization: Organization, entityId: string): void {
  const entity = [...mailboxOwners(organization), ...configurationOf(organization).groups.map((g) => ({ id: g.Id, state: g.State }))]
    .find((e) => e.id === entityId);
  if (entity === undefined) {
    throw new ServiceError('EntityNotFoundException', `Entity ${entityId} does not exist.`);
  }
  if (entity.state === 'DELETED') {
    throw new ServiceError('EntityStateException', `Entity ${entityId} is deleted.`);
  }
}

function pageOf(items: readonly Item[], input: PageRequest, member: string) {
  const page = paginate(items, input);
  return { [member]: page.items, NextToken: page.nextToken };
}

export const snapshotReadOperations: OperationTable = {
  ListGroups: operation<OrganizationInput>((input, ctx) =>
    pageOf(read(ctx, input).configuration.groups.map(({ members: _, ...group }) => group), input, 'Groups')),

  ListGroupMembers: operation<OrganizationInput & { readonly GroupId: string }>((input, ctx) => {
    const { organization, configuration } = read(ctx, input);
    requireLiveEntity(organization, input.GroupId);
    return pageOf(configuration.groups.find((group) => group.Id === input.GroupId)?.members ?? [], input, 'Members');
  }),

  ListAliases: operation<OrganizationInput & { readonly EntityId: string }>((input, ctx) => {
    const { organization, configuration } = read(ctx, input);
    requireLiveEntity(organization, input.EntityId);
    const page = paginate(configuration.aliases[input.EntityId] ?? [], input);
    return { Aliases: page.items, NextToken: page.nextToken };
  }),

  DescribeResource: operation<OrganizationInput & { readonly ResourceId: string }>((input, ctx) => {
    const { organization, configuration } = read(ctx, input);
    const resource = mailboxOwners(organization).find((owner) => owner.kind === 'RESOURCE' && owner.id === input.ResourceId);
    if (resource === undefined) {
      throw new ServiceError('EntityNotFoundException', `Resource ${input.ResourceId} does not exist.`);
    }
    return { ResourceId: resource.id, Name: resource.name, Email: resource.email, State: resource.state, Type: 'ROOM', ...configuration.resourceDetails[resource.id] };
  }),

  ListResourceDelegates: operation<OrganizationInput & { readonly ResourceId: string }>((input, ctx) => {
    const { organization, configuration } = read(ctx, input);
    requireLiveEntity(organization, input.ResourceId);
    return pageOf(configuration.delegates[input.ResourceId] ?? [], input, 'Delegates');
  }),

  ListAccessControlRules: operation<OrganizationInput>((input, ctx) => ({ Rules: read(ctx, input).configuration.accessControlRules })),

  ListImpersonationRoles: operation<OrganizationInput>((input, ctx) =>
    pageOf(read(ctx, input).configuration.impersonationRoles.map((role) =>
      ({ ImpersonationRoleId: role.ImpersonationRoleId, Name: role.Name, Type: role.Type })), input, 'Roles')),

  GetImpersonationRole: operation<OrganizationInput & { readonly ImpersonationRoleId: string }>((input, ctx) => {
    const role = read(ctx, input).configuration.impersonationRoles.find((r) => r.ImpersonationRoleId === input.ImpersonationRoleId);
    if (role === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Impersonation role ${input.ImpersonationRoleId} does not exist.`);
    }
    return role;
  }),

  ListMobileDeviceAccessRules: operation<OrganizationInput>((input, ctx) => ({ Rules: read(ctx, input).configuration.mobileDeviceAccessRules })),

  ListMobileDeviceAccessOverrides: operation<OrganizationInput>((input, ctx) =>
    pageOf(read(ctx, input).configuration.mobileDeviceAccessOverrides, input, 'Overrides')),

  ListAvailabilityConfigurations: operation<OrganizationInput>((input, ctx) =>
    pageOf(read(ctx, input).configuration.availabilityConfigurations, input, 'AvailabilityConfigurations')),
};
