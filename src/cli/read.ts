/**
 * Reads a live organization for `import` and `diff`: every listing to its last page, at most
 * `concurrency` calls in flight (WorkMail throttles bursts; the client retries as the handlers
 * do), and an AccessDenied on one read recorded as a gap, naming the missing permission, while
 * the rest is read.
 */
import {
  AccessControlRule,
  AvailabilityConfiguration,
  DescribeEmailMonitoringConfigurationCommand,
  DescribeInboundDmarcSettingsCommand,
  DescribeOrganizationCommand,
  DescribeResourceCommand,
  DescribeUserCommand,
  GetDefaultRetentionPolicyCommand,
  GetImpersonationRoleCommand,
  GetImpersonationRoleResponse,
  GetMailboxDetailsCommand,
  ListAccessControlRulesCommand,
  ListAliasesCommand,
  ListAvailabilityConfigurationsCommand,
  ListGroupMembersCommand,
  ListGroupsCommand,
  ListImpersonationRolesCommand,
  ListMailboxPermissionsCommand,
  ListMailDomainsCommand,
  ListMobileDeviceAccessOverridesCommand,
  ListMobileDeviceAccessRulesCommand,
  ListResourceDelegatesCommand,
  ListResourcesCommand,
  ListTagsForResourceCommand,
  ListUsersCommand,
  MobileDeviceAccessOverride,
  MobileDeviceAccessRule,
  Tag,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { USER_ATTRIBUTE_NAMES } from '../private/entity-properties';

/** How many WorkMail calls run at once by default. */
export const DEFAULT_CONCURRENCY = 8;

/** The largest page every WorkMail listing the reads use returns (MaxResults 1-100). */
const MAX_PAGE = 100;

/** A read refused for want of a permission: what is missing from the result, and why. */
export interface Gap {
  /** What the result lacks, e.g. `aliases of user alice`. */
  readonly what: string;
  /** The IAM action to grant, e.g. `workmail:ListAliases`. */
  readonly permission: string;
}

export interface LiveDomain {
  readonly name: string;
  readonly isDefault: boolean;
  readonly isTestDomain: boolean;
}

export interface LiveEntity {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly state: string;
  readonly hiddenFromGlobalAddressList?: boolean;
  readonly aliases: readonly string[];
}

export interface LiveUser extends LiveEntity {
  readonly role?: string;
  /** DescribeUser's attributes (DisplayName, FirstName, ...) that are set. */
  readonly attributes: Readonly<Record<string, string>>;
  /** MB, when WorkMail reports one. */
  readonly mailboxQuota?: number;
}

export interface LiveGroup extends LiveEntity {
  readonly members: readonly string[];
}

export interface LiveResource extends LiveEntity {
  readonly type: string;
  readonly description?: string;
  readonly bookingOptions?: {
    readonly AutoAcceptRequests?: boolean;
    readonly AutoDeclineRecurringRequests?: boolean;
    readonly AutoDeclineConflictingRequests?: boolean;
  };
  readonly delegates: readonly string[];
}

export interface LiveMailboxPermission {
  readonly entityId: string;
  readonly granteeId: string;
  readonly permissions: readonly string[];
}

/** What `import` and `diff` know of an organization. */
export interface LiveOrganization {
  readonly organizationId: string;
  readonly alias: string;
  readonly arn?: string;
  readonly defaultMailDomain?: string;
  readonly tags: readonly Tag[];
  readonly domains: readonly LiveDomain[];
  /** Sorted by name, deleted and system users left out. */
  readonly users: readonly LiveUser[];
  readonly groups: readonly LiveGroup[];
  readonly resources: readonly LiveResource[];
  readonly accessControlRules: readonly AccessControlRule[];
  readonly impersonationRoles: readonly Omit<GetImpersonationRoleResponse, '$metadata'>[];
  readonly mobileDeviceAccessRules: readonly MobileDeviceAccessRule[];
  readonly mobileDeviceAccessOverrides: readonly MobileDeviceAccessOverride[];
  readonly retentionPolicy?: {
    readonly Id?: string;
    readonly Name?: string;
    readonly Description?: string;
    readonly FolderConfigurations?: ReadonlyArray<{ Name?: string; Action?: string; Period?: number }>;
  };
  readonly dmarcEnforced?: boolean;
  readonly emailMonitoring?: { readonly RoleArn?: string; readonly LogGroupArn?: string };
  readonly availabilityConfigurations: readonly AvailabilityConfiguration[];
  readonly mailboxPermissions: readonly LiveMailboxPermission[];
  readonly gaps: readonly Gap[];
}

export interface ReadOptions {
  /** @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  /** Called with a line as each area is read. */
  readonly progress?: (line: string) => void;
}

/** Runs at most `limit` tasks at once, in the order they are asked for. */
export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) {
      throw new Error(`concurrency must be at least 1, got ${limit}`);
    }
  }

  public async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // The slot passes to the next waiter as is, or is freed.
      const next = this.waiting.shift();
      if (next === undefined) {
        this.running--;
      } else {
        next();
      }
    }
  }
}

/** The error names WorkMail and IAM answer a refused call with. */
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

type Sender = WorkMailClient['send'];

/**
 * What every read of an organization shares (`import`, `diff`, `snapshot`): at most
 * `concurrency` WorkMail calls in flight, each with the client's retry, and listings read to
 * their last page.
 */
export class OrganizationReader {
  /** Sends one call within the bound. */
  public readonly send: Sender;

  constructor(client: WorkMailClient, concurrency: number = DEFAULT_CONCURRENCY) {
    const limiter = new Limiter(concurrency);
    this.send = ((command: Parameters<Sender>[0]) => limiter.run(() => client.send(command))) as Sender;
  }

  /**
   * Every page of a listing; `page` sends one request with the page's token and size. Pages are
   * read one after the other, so each is as large as WorkMail allows: the default of some
   * listings is 10, which makes a listing of 1,000 users 100 calls in a row.
   */
  public async everyPage<Answer extends { NextToken?: string }, Item>(
    page: (next: { NextToken?: string; MaxResults: number }) => Promise<Answer>, items: (answer: Answer) => Item[] | undefined,
  ): Promise<Item[]> {
    const all: Item[] = [];
    let token: string | undefined;
    do {
      const answer = await page({ NextToken: token, MaxResults: MAX_PAGE });
      all.push(...(items(answer) ?? []));
      token = answer.NextToken;
    } while (token !== undefined);
    return all;
  }

  /** The organization's listings, each read to its last page: what `import`, `diff` and `snapshot` share. */
  public listings(organizationId: string) {
    const org = { OrganizationId: organizationId };
    const send = this.send;
    const every = this.everyPage.bind(this);
    const impersonationRoles = () => every((next) => send(new ListImpersonationRolesCommand({ ...org, ...next })), (page) => page.Roles);
    return {
      domains: () => every((next) => send(new ListMailDomainsCommand({ ...org, ...next })), (page) => page.MailDomains),
      users: () => every((next) => send(new ListUsersCommand({ ...org, ...next })), (page) => page.Users),
      groups: () => every((next) => send(new ListGroupsCommand({ ...org, ...next })), (page) => page.Groups),
      resources: () => every((next) => send(new ListResourcesCommand({ ...org, ...next })), (page) => page.Resources),
      aliases: (entityId?: string) => every((next) => send(new ListAliasesCommand({ ...org, EntityId: entityId, ...next })), (page) => page.Aliases),
      // Who else may open the mailbox, or send as the group (FULL_ACCESS, SEND_AS, SEND_ON_BEHALF).
      mailboxPermissions: (entityId?: string) => every(
        (next) => send(new ListMailboxPermissionsCommand({ ...org, EntityId: entityId, ...next })), (page) => page.Permissions),
      groupMembers: (groupId?: string) => every(
        (next) => send(new ListGroupMembersCommand({ ...org, GroupId: groupId, ...next })), (page) => page.Members),
      resourceDelegates: (resourceId?: string) => every(
        (next) => send(new ListResourceDelegatesCommand({ ...org, ResourceId: resourceId, ...next })), (page) => page.Delegates),
      impersonationRoles,
      /** The listed impersonation roles with their rules (GetImpersonationRole), as WorkMail answers. */
      impersonationRoleDetails: async (roles: Array<{ ImpersonationRoleId?: string }>) => Promise.all(roles.map(async (role) => {
        const { $metadata: _, ...details } = await send(new GetImpersonationRoleCommand({ ...org, ImpersonationRoleId: role.ImpersonationRoleId }));
        return details;
      })),
      mobileDeviceAccessOverrides: () => every(
        (next) => send(new ListMobileDeviceAccessOverridesCommand({ ...org, ...next })), (page) => page.Overrides),
      availabilityConfigurations: () => every(
        (next) => send(new ListAvailabilityConfigurationsCommand({ ...org, ...next })), (page) => page.AvailabilityConfigurations),
    };
  }
}

/** Reads the organization; throws only when the organization itself cannot be described. */
export async function readOrganization(client: WorkMailClient, organizationId: string, options: ReadOptions = {}): Promise<LiveOrganization> {
  const reader = new OrganizationReader(client, options.concurrency);
  const send = reader.send;
  const list = reader.listings(organizationId);
  const progress = options.progress ?? (() => undefined);
  const gaps: Gap[] = [];
  const org = { OrganizationId: organizationId };

  /** `fallback` instead of the answer when the caller may not call `operation`, with the gap recorded. */
  async function allowed<T>(operation: string, what: string, read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof Error && ACCESS_DENIED.has(error.name))) {
        throw error;
      }
      gaps.push({ what, permission: `workmail:${operation}` });
      return fallback;
    }
  }
  const absentOn = (name: string) => (error: unknown) => {
    if (error instanceof Error && error.name === name) {
      return undefined;
    }
    throw error;
  };

  const organization = await client.send(new DescribeOrganizationCommand(org));
  const alias = organization.Alias ?? '';
  progress(`reading organization ${alias} (${organizationId})`);

  const aliasesOf = (kind: string, entity: { Id?: string; Name?: string }) => allowed('ListAliases', `aliases of ${kind} ${entity.Name}`,
    () => list.aliases(entity.Id), [] as string[]);
  // A group has no mailbox, but can be sent as: its permissions are listed like a mailbox's.
  const mailboxPermissions: LiveMailboxPermission[] = [];
  const readPermissions = async (entity: { Id?: string; Name?: string; State?: string }) => {
    if (entity.State !== 'ENABLED') {
      return;
    }
    const permissions = await allowed('ListMailboxPermissions', `mailbox permissions of ${entity.Name}`, () => list.mailboxPermissions(entity.Id), []);
    mailboxPermissions.push(...permissions.map((permission) => ({
      entityId: entity.Id!, granteeId: permission.GranteeId!, permissions: [...permission.PermissionValues ?? []].sort(),
    })));
  };

  const readUsers = async (): Promise<LiveUser[]> => {
    const listed = await allowed('ListUsers', 'users', list.users, []);
    const live = listed.filter((user) => user.State !== 'DELETED' && user.UserRole !== 'SYSTEM_USER');
    progress(`reading ${live.length} users`);
    return Promise.all(live.map(async (user): Promise<LiveUser> => {
      const [details, aliases, quota] = await Promise.all([
        allowed('DescribeUser', `attributes of user ${user.Name}`, () => send(new DescribeUserCommand({ ...org, UserId: user.Id })), undefined),
        user.State === 'ENABLED' ? aliasesOf('user', user) : [],
        user.State === 'ENABLED'
          ? allowed('GetMailboxDetails', `mailbox quota of user ${user.Name}`,
            () => send(new GetMailboxDetailsCommand({ ...org, UserId: user.Id })).catch(absentOn('EntityStateException')), undefined)
          : undefined,
        readPermissions(user),
      ]);
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(details ?? { DisplayName: user.DisplayName })) {
        if ((USER_ATTRIBUTE_NAMES as readonly string[]).includes(key) && typeof value === 'string' && value !== '') {
          attributes[key] = value;
        }
      }
      return {
        id: user.Id!,
        name: user.Name!,
        email: user.Email,
        state: user.State!,
        role: details?.UserRole ?? user.UserRole,
        hiddenFromGlobalAddressList: details?.HiddenFromGlobalAddressList,
        aliases,
        attributes,
        mailboxQuota: quota?.MailboxQuota,
      };
    }));
  };

  const readGroups = async (): Promise<LiveGroup[]> => {
    const listed = await allowed('ListGroups', 'groups', list.groups, []);
    const live = listed.filter((group) => group.State !== 'DELETED');
    progress(`reading ${live.length} groups`);
    return Promise.all(live.map(async (group): Promise<LiveGroup> => {
      const [aliases, members] = await Promise.all([
        group.State === 'ENABLED' ? aliasesOf('group', group) : [],
        allowed('ListGroupMembers', `members of group ${group.Name}`, () => list.groupMembers(group.Id), []),
        readPermissions(group),
      ]);
      return {
        id: group.Id!,
        name: group.Name!,
        email: group.Email,
        state: group.State!,
        aliases,
        members: members.filter((member: { State?: string }) => member.State !== 'DELETED').map((member: { Id?: string }) => member.Id!),
      };
    }));
  };

  const readResources = async (): Promise<LiveResource[]> => {
    const listed = await allowed('ListResources', 'resources', list.resources, []);
    const live = listed.filter((resource) => resource.State !== 'DELETED');
    progress(`reading ${live.length} resources`);
    return Promise.all(live.map(async (resource): Promise<LiveResource> => {
      const [details, aliases, delegates] = await Promise.all([
        allowed('DescribeResource', `booking options of resource ${resource.Name}`, () => send(new DescribeResourceCommand({ ...org, ResourceId: resource.Id })), undefined),
        resource.State === 'ENABLED' ? aliasesOf('resource', resource) : [],
        allowed('ListResourceDelegates', `delegates of resource ${resource.Name}`, () => list.resourceDelegates(resource.Id), []),
        readPermissions(resource),
      ]);
      return {
        id: resource.Id!,
        name: resource.Name!,
        email: resource.Email,
        state: resource.State!,
        type: details?.Type ?? resource.Type!,
        description: details?.Description || undefined,
        hiddenFromGlobalAddressList: details?.HiddenFromGlobalAddressList,
        bookingOptions: details?.BookingOptions,
        aliases,
        delegates: delegates.map((delegate: { Id?: string }) => delegate.Id!),
      };
    }));
  };

  const [domains, users, groups, resources, tags, accessControlRules, impersonationRoles, mobileDeviceAccessRules,
    mobileDeviceAccessOverrides, retentionPolicy, dmarcEnforced, emailMonitoring, availabilityConfigurations] = await Promise.all([
    allowed('ListMailDomains', 'mail domains', list.domains, []),
    readUsers(),
    readGroups(),
    readResources(),
    organization.ARN === undefined ? [] : allowed('ListTagsForResource', 'organization tags',
      async () => (await send(new ListTagsForResourceCommand({ ResourceARN: organization.ARN }))).Tags ?? [], []),
    allowed('ListAccessControlRules', 'access control rules', async () => (await send(new ListAccessControlRulesCommand(org))).Rules ?? [], []),
    allowed('ListImpersonationRoles', 'impersonation roles', list.impersonationRoles, [])
      .then((roles) => allowed('GetImpersonationRole', 'impersonation roles', () => list.impersonationRoleDetails(roles), [])),
    allowed('ListMobileDeviceAccessRules', 'mobile device access rules', async () => (await send(new ListMobileDeviceAccessRulesCommand(org))).Rules ?? [], []),
    allowed('ListMobileDeviceAccessOverrides', 'mobile device access overrides', list.mobileDeviceAccessOverrides, []),
    allowed('GetDefaultRetentionPolicy', 'retention policy',
      () => send(new GetDefaultRetentionPolicyCommand(org)).catch(absentOn('EntityNotFoundException')), undefined),
    allowed('DescribeInboundDmarcSettings', 'inbound DMARC setting', async () => (await send(new DescribeInboundDmarcSettingsCommand(org))).Enforced, undefined),
    allowed('DescribeEmailMonitoringConfiguration', 'email event logging',
      () => send(new DescribeEmailMonitoringConfigurationCommand(org)).catch(absentOn('ResourceNotFoundException')), undefined),
    allowed('ListAvailabilityConfigurations', 'availability configurations', list.availabilityConfigurations, []),
  ]);

  const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => compare(a.name, b.name));
  return {
    organizationId,
    alias,
    arn: organization.ARN,
    defaultMailDomain: organization.DefaultMailDomain,
    tags: [...tags].sort((a, b) => compare(a.Key ?? '', b.Key ?? '')),
    domains: byName(domains.map((domain: { DomainName?: string; DefaultDomain?: boolean }) => ({
      // ListMailDomains does not say which is the test domain; its name does.
      name: domain.DomainName!, isDefault: domain.DefaultDomain ?? false, isTestDomain: domain.DomainName?.toLowerCase() === `${alias.toLowerCase()}.awsapps.com`,
    }))),
    users: byName(users),
    groups: byName(groups),
    resources: byName(resources),
    accessControlRules,
    impersonationRoles: [...impersonationRoles].sort((a, b) => compare(a.Name ?? '', b.Name ?? '')),
    mobileDeviceAccessRules,
    mobileDeviceAccessOverrides,
    retentionPolicy: retentionPolicy && {
      Id: retentionPolicy.Id,
      Name: retentionPolicy.Name,
      Description: retentionPolicy.Description,
      FolderConfigurations: retentionPolicy.FolderConfigurations,
    },
    dmarcEnforced,
    emailMonitoring: emailMonitoring && { RoleArn: emailMonitoring.RoleArn, LogGroupArn: emailMonitoring.LogGroupArn },
    availabilityConfigurations,
    // Read in parallel, listed in a fixed order.
    mailboxPermissions: mailboxPermissions.sort((a, b) => compare(`${a.entityId}|${a.granteeId}`, `${b.entityId}|${b.granteeId}`)),
    gaps: [...gaps].sort((a, b) => compare(a.permission + a.what, b.permission + b.what)),
  };
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A user named by id, user name or email address, as WorkMail knows it. */
export interface UserIdentity {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}

/** DescribeUser accepts the id, the user name or the email address: the answer names all three. */
export async function describeUser(client: WorkMailClient, organizationId: string, user: string): Promise<UserIdentity> {
  const described = await client.send(new DescribeUserCommand({ OrganizationId: organizationId, UserId: user }));
  return { id: described.UserId!, name: described.Name, email: described.Email };
}
