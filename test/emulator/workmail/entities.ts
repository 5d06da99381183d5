/**
 * Users, groups, registration, aliases, membership and mailbox permissions. Users and groups
 * share one namespace: ids, names and email addresses (primary and aliases) are unique across them.
 */
import { randomBytes, randomUUID } from 'crypto';
import { operation, OperationInput, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { EmulatorContext, Entity, EntityKind, EntityState, Organization } from '../state';
import { requireActiveOrganization } from './lookup';

/** "Maximum number of aliases per user: 100. This is a hard quota." */
const MAX_ALIASES = 100;
/** Mailbox quotas range from 1 MB to 51,200 MB (50 GB), the default. */
const MAX_MAILBOX_QUOTA = 51200;

const USER_ATTRIBUTES = [
  'Role', 'DisplayName', 'FirstName', 'LastName', 'Initials', 'Telephone', 'Street', 'JobTitle',
  'City', 'Company', 'ZipCode', 'Department', 'Country', 'Office',
] as const;

/** The entity an identifier names: its id, its name, or (where `byEmail`) its primary address. */
function findEntity(organization: Organization, identifier: string, byEmail = true): Entity | undefined {
  const key = identifier.toLowerCase();
  const entities = [...organization.entities.values()];
  return organization.entities.get(identifier)
    ?? entities.find((e) => e.state !== 'DELETED' && e.name.toLowerCase() === key)
    ?? (byEmail ? entities.find((e) => e.state !== 'DELETED' && e.email === key) : undefined);
}

function requireEntity(organization: Organization, identifier: string, kinds: readonly EntityKind[], byEmail = true): Entity {
  const entity = findEntity(organization, identifier, byEmail);
  if (entity === undefined || !kinds.includes(entity.kind)) {
    throw new ServiceError('EntityNotFoundException', `Entity ${identifier} does not exist in organization ${organization.organizationId}.`);
  }
  return entity;
}

function requireLiveEntity(organization: Organization, identifier: string, kinds: readonly EntityKind[], byEmail = true): Entity {
  const entity = requireEntity(organization, identifier, kinds, byEmail);
  if (entity.state === 'DELETED') {
    throw new ServiceError('EntityStateException', `Entity ${identifier} is deleted.`);
  }
  return entity;
}

/** The state operations other than Describe see: a pending disable is already done for them. */
function reportedState(entity: Entity): string {
  if (entity.state === 'DISABLED' && entity.disablePending > 0) {
    entity.disablePending--;
    return 'ENABLED';
  }
  return entity.state;
}

/**
 * An address must be on a domain registered in the organization and verified, and not be
 * used by another entity (primary address or alias).
 */
function claimAddress(organization: Organization, address: string, owner: Entity): string {
  const email = address.toLowerCase();
  const domainName = email.slice(email.indexOf('@') + 1);
  const domain = organization.mailDomains.get(domainName);
  if (domain === undefined) {
    throw new ServiceError('MailDomainNotFoundException', `Domain ${domainName} is not registered in organization ${organization.organizationId}.`);
  }
  if (domain.ownershipVerificationStatus !== 'VERIFIED') {
    throw new ServiceError('MailDomainStateException', `Domain ${domainName} is not verified (${domain.ownershipVerificationStatus}).`);
  }
  const user = organization.addresses.get(email);
  if (user !== undefined && user !== owner.id) {
    throw new ServiceError('EmailAddressInUseException', `Email address ${email} is already used by ${user}.`);
  }
  return email;
}

/**
 * Records every address of every live entity in `organization.addresses` (which tells mail
 * domain operations that a domain is in use), keeping addresses recorded for other owners.
 */
function recordAddresses(organization: Organization): void {
  for (const [address, owner] of organization.addresses) {
    if (organization.entities.has(owner)) {
      organization.addresses.delete(address);
    }
  }
  for (const entity of organization.entities.values()) {
    if (entity.state !== 'DELETED') {
      [...(entity.email ? [entity.email] : []), ...entity.aliases].forEach((address) => organization.addresses.set(address, entity.id));
    }
  }
}

/** Entity operations change addresses: record them after each. */
function recorded(table: OperationTable): OperationTable {
  return Object.fromEntries(Object.entries(table).map(([name, handler]) => [name, (input: OperationInput, ctx: EmulatorContext) => {
    const output = handler(input, ctx);
    const organization = ctx.state.organizations.get(input.OrganizationId as string);
    if (organization !== undefined) {
      recordAddresses(organization);
    }
    return output;
  }]));
}

function createEntity(organization: Organization, kind: EntityKind, name: string, hidden: boolean | undefined): Entity {
  // Resource ids are r- and 32 hex digits; user and group ids UUIDs (WorkMail directory).
  const id = kind === 'RESOURCE' ? `r-${randomBytes(16).toString('hex')}` : randomUUID();
  if (findEntity(organization, name, false) !== undefined) {
    throw new ServiceError('NameAvailabilityException', `The name ${name} is already in use.`);
  }
  const entity: Entity = {
    kind,
    id,
    name,
    state: 'DISABLED',
    disablePending: 0,
    aliases: [],
    hiddenFromGlobalAddressList: hidden ?? false,
    attributes: {},
    mailboxQuota: MAX_MAILBOX_QUOTA,
    members: new Set(),
    mailboxPermissions: new Map(),
    // Not documented; these are what the console shows for a new resource.
    bookingOptions: { AutoAcceptRequests: true, AutoDeclineRecurringRequests: false, AutoDeclineConflictingRequests: true },
    delegates: new Set(),
  };
  organization.entities.set(entity.id, entity);
  return entity;
}

/** WorkMail directory password policy: 8-63 characters from 3 of 5 classes. */
function checkPassword(password: string): void {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[\u0020-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/, /[\u00A0-\u00FF]/]
    .filter((pattern) => pattern.test(password)).length;
  if (password.length < 8 || password.length > 63 || classes < 3) {
    throw new ServiceError('InvalidPasswordException', 'The password does not meet the directory\'s password policy.');
  }
}

function setEnabled(organization: Organization, entity: Entity, enabled: boolean): void {
  if (entity.kind === 'USER') {
    organization.enabledUsers += enabled ? 1 : -1;
  }
  entity.state = enabled ? 'ENABLED' : 'DISABLED';
}

function deleteEntity(organization: Organization, identifier: string, kind: EntityKind): void {
  const entity = findEntity(organization, identifier, false);
  if (entity === undefined || entity.kind !== kind || entity.state === 'DELETED') {
    return; // DeleteUser/DeleteGroup model no not-found error: deleting what is gone succeeds
  }
  if (entity.state === 'ENABLED') {
    throw new ServiceError('EntityStateException', `${entity.id} is enabled: deregister it from WorkMail before deleting it.`);
  }
  entity.state = 'DELETED';
  entity.aliases = [];
  for (const other of organization.entities.values()) {
    other.members.delete(entity.id);
    other.mailboxPermissions.delete(entity.id);
    other.delegates.delete(entity.id);
  }
}

/** What `seedEntity` writes. */
export interface EntitySeed {
  readonly kind: EntityKind;
  readonly name: string;
  readonly state: EntityState;
  /** Primary address: its domain must be registered and verified, as for RegisterToWorkMail. */
  readonly email?: string;
  /** Users: any role, SYSTEM_USER included (the API refuses to create those). @default 'USER' */
  readonly role?: string;
}

/**
 * Writes a user, group or resource into the organization's state as WorkMail itself would have
 * made it, for situations the API cannot create (a SYSTEM_USER, say). Returns its id. Prefer the
 * API (CreateUser, RegisterToWorkMail, DeleteUser, ...) for everything else.
 */
export function seedEntity(organization: Organization, seed: EntitySeed): string {
  const entity = createEntity(organization, seed.kind, seed.name, undefined);
  if (seed.kind === 'USER') {
    entity.attributes = { Role: seed.role ?? 'USER', DisplayName: seed.name };
  }
  if (seed.kind === 'RESOURCE') {
    entity.resourceType = 'ROOM';
  }
  if (seed.email !== undefined) {
    entity.email = claimAddress(organization, seed.email, entity);
  }
  if (seed.state === 'ENABLED') {
    setEnabled(organization, entity, true);
  } else {
    entity.state = seed.state;
  }
  recordAddresses(organization);
  return entity.id;
}

interface OrganizationInput {
  readonly OrganizationId: string;
}
interface CreateUserInput extends OrganizationInput {
  readonly Name: string;
  readonly DisplayName: string;
  readonly Password?: string;
  readonly Role?: string;
  readonly FirstName?: string;
  readonly LastName?: string;
  readonly HiddenFromGlobalAddressList?: boolean;
}
interface UserInput extends OrganizationInput {
  readonly UserId: string;
}
type UpdateUserInput = UserInput & Partial<Record<typeof USER_ATTRIBUTES[number], string>> & {
  readonly HiddenFromGlobalAddressList?: boolean;
};
interface GroupInput extends OrganizationInput {
  readonly GroupId: string;
}
interface EntityInput extends OrganizationInput {
  readonly EntityId: string;
}
interface CreateResourceInput extends OrganizationInput {
  readonly Name: string;
  readonly Type: string;
  readonly Description?: string;
  readonly HiddenFromGlobalAddressList?: boolean;
}
interface ResourceInput extends OrganizationInput {
  readonly ResourceId: string;
}
interface UpdateResourceInput extends ResourceInput {
  readonly Name?: string;
  readonly Type?: string;
  readonly Description?: string;
  readonly HiddenFromGlobalAddressList?: boolean;
  readonly BookingOptions?: Partial<Entity['bookingOptions']>;
}
interface ListInput extends OrganizationInput, PageRequest {
  readonly Filters?: { readonly UsernamePrefix?: string; readonly NamePrefix?: string; readonly State?: string };
}

function checkRole(role: string | undefined): void {
  if (role === 'RESOURCE' || role === 'SYSTEM_USER') {
    throw new ServiceError('InvalidParameterException', `You cannot pass the ${role} role.`);
  }
}

function listEntities(organization: Organization, kind: EntityKind, input: ListInput) {
  const prefix = (input.Filters?.UsernamePrefix ?? input.Filters?.NamePrefix ?? '').toLowerCase();
  const matching = [...organization.entities.values()].filter((e) => e.kind === kind
    && e.name.toLowerCase().startsWith(prefix)
    && (input.Filters?.State === undefined || e.state === input.Filters.State));
  return paginate(matching, input);
}

function summary(entity: Entity) {
  return { Id: entity.id, Name: entity.name, Email: entity.email, State: entity.state };
}

export const entityOperations: OperationTable = recorded({
  CreateUser: operation<CreateUserInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    checkRole(input.Role);
    if (input.Password !== undefined) {
      checkPassword(input.Password);
    }
    const user = createEntity(organization, 'USER', input.Name, input.HiddenFromGlobalAddressList);
    user.password = input.Password;
    user.attributes = {
      Role: input.Role ?? 'USER',
      DisplayName: input.DisplayName,
      ...(input.FirstName !== undefined ? { FirstName: input.FirstName } : {}),
      ...(input.LastName !== undefined ? { LastName: input.LastName } : {}),
    };
    return { UserId: user.id };
  }),

  DescribeUser: operation<UserInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const user = requireEntity(organization, input.UserId, ['USER']);
    const { Role, ...attributes } = user.attributes;
    return {
      UserId: user.id,
      Name: user.name,
      Email: user.email,
      State: reportedState(user),
      UserRole: Role,
      HiddenFromGlobalAddressList: user.hiddenFromGlobalAddressList,
      ...attributes,
    };
  }),

  ListUsers: operation<ListInput>((input, ctx) => {
    const page = listEntities(requireActiveOrganization(ctx, input.OrganizationId), 'USER', input);
    return {
      Users: page.items.map((u) => ({ ...summary(u), DisplayName: u.attributes.DisplayName, UserRole: u.attributes.Role })),
      NextToken: page.nextToken,
    };
  }),

  UpdateUser: operation<UpdateUserInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const user = requireLiveEntity(organization, input.UserId, ['USER']);
    checkRole(input.Role);
    for (const attribute of USER_ATTRIBUTES) {
      const value = input[attribute];
      if (value === '') {
        delete user.attributes[attribute];
      } else if (value !== undefined) {
        user.attributes[attribute] = value;
      }
    }
    user.hiddenFromGlobalAddressList = input.HiddenFromGlobalAddressList ?? user.hiddenFromGlobalAddressList;
    return {};
  }),

  ResetPassword: operation<UserInput & { readonly Password: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const user = organization.entities.get(input.UserId); // ResetPassword takes ids only
    if (user === undefined || user.kind !== 'USER') {
      throw new ServiceError('EntityNotFoundException', `User ${input.UserId} does not exist.`);
    }
    if (user.state === 'DELETED') {
      throw new ServiceError('EntityStateException', `User ${input.UserId} is deleted.`);
    }
    checkPassword(input.Password);
    user.password = input.Password;
    return {};
  }),

  UpdateMailboxQuota: operation<UserInput & { readonly MailboxQuota: number }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const user = requireLiveEntity(organization, input.UserId, ['USER']);
    if (user.state !== 'ENABLED') {
      throw new ServiceError('EntityStateException', `User ${input.UserId} has no mailbox: it is not enabled.`);
    }
    if (input.MailboxQuota > MAX_MAILBOX_QUOTA) {
      throw new ServiceError('InvalidParameterException', `MailboxQuota must be at most ${MAX_MAILBOX_QUOTA} MB.`);
    }
    user.mailboxQuota = input.MailboxQuota;
    return {};
  }),

  GetMailboxDetails: operation<UserInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const user = requireEntity(organization, input.UserId, ['USER']);
    return { MailboxQuota: user.mailboxQuota, MailboxSize: 0 };
  }),

  DeleteUser: operation<UserInput>((input, ctx) => {
    deleteEntity(requireActiveOrganization(ctx, input.OrganizationId), input.UserId, 'USER');
    return {};
  }),

  CreateGroup: operation<OrganizationInput & { readonly Name: string; readonly HiddenFromGlobalAddressList?: boolean }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    return { GroupId: createEntity(organization, 'GROUP', input.Name, input.HiddenFromGlobalAddressList).id };
  }),

  DescribeGroup: operation<GroupInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const group = requireEntity(organization, input.GroupId, ['GROUP']);
    return {
      GroupId: group.id,
      Name: group.name,
      Email: group.email,
      State: reportedState(group),
      HiddenFromGlobalAddressList: group.hiddenFromGlobalAddressList,
    };
  }),

  ListGroups: operation<ListInput>((input, ctx) => {
    const page = listEntities(requireActiveOrganization(ctx, input.OrganizationId), 'GROUP', input);
    return { Groups: page.items.map(summary), NextToken: page.nextToken };
  }),

  UpdateGroup: operation<GroupInput & { readonly HiddenFromGlobalAddressList?: boolean }>((input, ctx) => {
    const group = requireLiveEntity(requireActiveOrganization(ctx, input.OrganizationId), input.GroupId, ['GROUP']);
    group.hiddenFromGlobalAddressList = input.HiddenFromGlobalAddressList ?? group.hiddenFromGlobalAddressList;
    return {};
  }),

  DeleteGroup: operation<GroupInput>((input, ctx) => {
    deleteEntity(requireActiveOrganization(ctx, input.OrganizationId), input.GroupId, 'GROUP');
    return {};
  }),

  CreateResource: operation<CreateResourceInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const resource = createEntity(organization, 'RESOURCE', input.Name, input.HiddenFromGlobalAddressList);
    resource.resourceType = input.Type;
    resource.description = input.Description;
    return { ResourceId: resource.id };
  }),

  DescribeResource: operation<ResourceInput>((input, ctx) => {
    const resource = requireEntity(requireActiveOrganization(ctx, input.OrganizationId), input.ResourceId, ['RESOURCE']);
    return {
      ResourceId: resource.id,
      Name: resource.name,
      Email: resource.email,
      Type: resource.resourceType,
      Description: resource.description,
      State: reportedState(resource),
      HiddenFromGlobalAddressList: resource.hiddenFromGlobalAddressList,
      BookingOptions: resource.bookingOptions,
    };
  }),

  ListResources: operation<ListInput>((input, ctx) => {
    const page = listEntities(requireActiveOrganization(ctx, input.OrganizationId), 'RESOURCE', input);
    return {
      Resources: page.items.map((r) => ({ ...summary(r), Type: r.resourceType, Description: r.description })),
      NextToken: page.nextToken,
    };
  }),

  UpdateResource: operation<UpdateResourceInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const resource = requireLiveEntity(organization, input.ResourceId, ['RESOURCE']);
    if (input.Name !== undefined && input.Name.toLowerCase() !== resource.name.toLowerCase()
      && findEntity(organization, input.Name, false) !== undefined) {
      throw new ServiceError('NameAvailabilityException', `The name ${input.Name} is already in use.`);
    }
    const bookingOptions = { ...resource.bookingOptions, ...input.BookingOptions };
    // "If disabled, delegates must be associated to the resource."
    if (!bookingOptions.AutoAcceptRequests && resource.delegates.size === 0) {
      throw new ServiceError('InvalidConfigurationException', 'A resource that does not auto-accept requests needs at least one delegate.');
    }
    Object.assign(resource, {
      name: input.Name ?? resource.name,
      resourceType: input.Type ?? resource.resourceType,
      description: input.Description === '' ? undefined : input.Description ?? resource.description,
      hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList ?? resource.hiddenFromGlobalAddressList,
      bookingOptions,
    });
    return {};
  }),

  DeleteResource: operation<ResourceInput>((input, ctx) => {
    deleteEntity(requireActiveOrganization(ctx, input.OrganizationId), input.ResourceId, 'RESOURCE');
    return {};
  }),

  AssociateDelegateToResource: operation<ResourceInput & { readonly EntityId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const resource = requireLiveEntity(organization, input.ResourceId, ['RESOURCE']);
    resource.delegates.add(requireLiveEntity(organization, input.EntityId, ['USER', 'GROUP']).id);
    return {};
  }),

  DisassociateDelegateFromResource: operation<ResourceInput & { readonly EntityId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const resource = requireLiveEntity(organization, input.ResourceId, ['RESOURCE']);
    const delegate = requireEntity(organization, input.EntityId, ['USER', 'GROUP']);
    resource.delegates.delete(delegate.id);
    return {};
  }),

  ListResourceDelegates: operation<ResourceInput & PageRequest>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const resource = requireLiveEntity(organization, input.ResourceId, ['RESOURCE']);
    const page = paginate([...resource.delegates].map((id) => organization.entities.get(id)!), input);
    return { Delegates: page.items.map((d) => ({ Id: d.id, Type: d.kind })), NextToken: page.nextToken };
  }),

  RegisterToWorkMail: operation<EntityInput & { readonly Email: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = requireLiveEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE'], false);
    if (entity.state === 'ENABLED') {
      throw new ServiceError('EntityAlreadyRegisteredException', `${entity.id} is already registered.`);
    }
    entity.email = claimAddress(organization, input.Email, entity);
    setEnabled(organization, entity, true);
    return {};
  }),

  DeregisterFromWorkMail: operation<EntityInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = requireLiveEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE']);
    if (entity.state === 'ENABLED') {
      setEnabled(organization, entity, false);
    }
    return {};
  }),

  UpdatePrimaryEmailAddress: operation<EntityInput & { readonly Email: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = requireLiveEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE']);
    if (entity.state !== 'ENABLED') {
      throw new ServiceError('EntityStateException', `${entity.id} is not enabled.`);
    }
    entity.email = claimAddress(organization, input.Email, entity);
    return {};
  }),

  CreateAlias: operation<EntityInput & { readonly Alias: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = organization.entities.get(input.EntityId); // ids only
    if (entity === undefined) {
      throw new ServiceError('EntityNotFoundException', `Entity ${input.EntityId} does not exist.`);
    }
    if (entity.state !== 'ENABLED') {
      throw new ServiceError('EntityStateException', `${entity.id} is ${entity.state}: only enabled entities have aliases.`);
    }
    const alias = claimAddress(organization, input.Alias, entity);
    if (entity.email === alias || entity.aliases.includes(alias)) {
      return {};
    }
    if (entity.aliases.length >= MAX_ALIASES) {
      throw new ServiceError('LimitExceededException', `${entity.id} already has ${MAX_ALIASES} aliases.`);
    }
    entity.aliases.push(alias);
    return {};
  }),

  DeleteAlias: operation<EntityInput & { readonly Alias: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = organization.entities.get(input.EntityId);
    if (entity === undefined) {
      throw new ServiceError('EntityNotFoundException', `Entity ${input.EntityId} does not exist.`);
    }
    entity.aliases = entity.aliases.filter((alias) => alias !== input.Alias.toLowerCase());
    return {};
  }),

  ListAliases: operation<EntityInput & PageRequest>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const entity = organization.entities.get(input.EntityId);
    if (entity === undefined) {
      throw new ServiceError('EntityNotFoundException', `Entity ${input.EntityId} does not exist.`);
    }
    const page = paginate(entity.aliases, input);
    return { Aliases: page.items, NextToken: page.nextToken };
  }),

  AssociateMemberToGroup: operation<GroupInput & { readonly MemberId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const group = requireLiveEntity(organization, input.GroupId, ['GROUP']);
    const member = requireLiveEntity(organization, input.MemberId, ['USER', 'GROUP']);
    if (member === group) {
      throw new ServiceError('InvalidParameterException', 'A group cannot be a member of itself.');
    }
    group.members.add(member.id);
    return {};
  }),

  DisassociateMemberFromGroup: operation<GroupInput & { readonly MemberId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const group = requireLiveEntity(organization, input.GroupId, ['GROUP']);
    const member = requireEntity(organization, input.MemberId, ['USER', 'GROUP']);
    if (!group.members.delete(member.id)) {
      throw new ServiceError('EntityNotFoundException', `${member.id} is not a member of ${group.id}.`);
    }
    return {};
  }),

  ListGroupMembers: operation<GroupInput & PageRequest>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const group = requireLiveEntity(organization, input.GroupId, ['GROUP']);
    const members = [...group.members].map((id) => organization.entities.get(id)!);
    const page = paginate(members, input);
    return {
      Members: page.items.map((m) => ({ Id: m.id, Name: m.name, Type: m.kind, State: m.state })),
      NextToken: page.nextToken,
    };
  }),

  PutMailboxPermissions: operation<EntityInput & { readonly GranteeId: string; readonly PermissionValues: string[] }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const mailbox = requireLiveEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE']);
    const grantee = requireLiveEntity(organization, input.GranteeId, ['USER', 'GROUP']);
    // "Groups can't be granted full access rights", nor be its object: "groups don't have a mailbox".
    if (input.PermissionValues.includes('FULL_ACCESS') && (mailbox.kind === 'GROUP' || grantee.kind === 'GROUP')) {
      throw new ServiceError('InvalidParameterException', 'FULL_ACCESS cannot be granted to or on a group.');
    }
    mailbox.mailboxPermissions.set(grantee.id, [...new Set(input.PermissionValues)]);
    return {};
  }),

  DeleteMailboxPermissions: operation<EntityInput & { readonly GranteeId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const mailbox = requireEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE']);
    const grantee = requireEntity(organization, input.GranteeId, ['USER', 'GROUP']);
    mailbox.mailboxPermissions.delete(grantee.id);
    return {};
  }),

  ListMailboxPermissions: operation<EntityInput & PageRequest>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const mailbox = requireEntity(organization, input.EntityId, ['USER', 'GROUP', 'RESOURCE']);
    const page = paginate([...mailbox.mailboxPermissions], input);
    return {
      Permissions: page.items.map(([granteeId, values]) => ({
        GranteeId: granteeId,
        GranteeType: organization.entities.get(granteeId)!.kind,
        PermissionValues: values,
      })),
      NextToken: page.nextToken,
    };
  }),
});
