/**
 * The configuration snapshot: one JSON document of everything WorkMail lets an API read about an
 * organization, so it can be rebuilt elsewhere or brought under code. Every listing is read to
 * its last page. Secrets are never part of it: WorkMail returns no password, and anything whose
 * name says password or secret is dropped all the same.
 */
import {
  DescribeEmailMonitoringConfigurationCommand,
  DescribeGroupCommand,
  DescribeIdentityProviderConfigurationCommand,
  DescribeInboundDmarcSettingsCommand,
  DescribeOrganizationCommand,
  DescribeResourceCommand,
  DescribeUserCommand,
  GetDefaultRetentionPolicyCommand,
  GetImpersonationRoleCommand,
  GetMailboxDetailsCommand,
  GetMailDomainCommand,
  ListAccessControlRulesCommand,
  ListMobileDeviceAccessRulesCommand,
  ListTagsForResourceCommand,
  paginateListAliases,
  paginateListAvailabilityConfigurations,
  paginateListGroupMembers,
  paginateListGroups,
  paginateListImpersonationRoles,
  paginateListMailboxPermissions,
  paginateListMailDomains,
  paginateListMobileDeviceAccessOverrides,
  paginateListResourceDelegates,
  paginateListResources,
  paginateListUsers,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { listAll } from '../handlers/shared/paginate';

/**
 * What no WorkMail API reads, so no snapshot holds it: configure it again by hand (or from the
 * console's screens) where the mail goes next. (The migration administrator and interoperability
 * mode are readable: DescribeOrganization's MigrationAdmin and InteroperabilityEnabled, in
 * `organization`.)
 */
export const NOT_CAPTURED: readonly string[] = [
  'email flow rules (inbound and outbound): the console only; cdk-workmail EmailFlowRule keeps them in code',
  'SMTP gateways: the console only',
  'journaling: the console only',
  'mobile device policy (password and device settings): the console only',
  'mailbox content: contacts, tasks and notes are not exported by StartMailboxExportJob (email and calendar items are)',
  'passwords and secrets: WorkMail never returns them',
];

/** The snapshot document; `format` changes when its shape does. */
export interface Snapshot {
  readonly format: 'cdk-workmail/snapshot@2';
  readonly takenAt: string;
  readonly organization: unknown;
  readonly [section: string]: unknown;
}

export async function takeSnapshot(client: WorkMailClient, organizationId: string, now: Date = new Date()): Promise<Snapshot> {
  // Every call gets its own copy: the SDK's paginators write NextToken into the input they are given.
  const org = { OrganizationId: organizationId };
  const pages = { client };
  const { $metadata: _, ...organization } = await client.send(new DescribeOrganizationCommand(org));
  const live = <T extends { State?: string }>(entities: T[]) => entities.filter((entity) => entity.State !== 'DELETED');
  const aliases = async (entityId: string) =>
    listAll(paginateListAliases(pages, { ...org, EntityId: entityId }), (page) => page.Aliases);
  // Who else may open the mailbox (FULL_ACCESS, SEND_AS, SEND_ON_BEHALF).
  const mailboxPermissions = async (entityId: string) =>
    listAll(paginateListMailboxPermissions(pages, { ...org, EntityId: entityId }), (page) => page.Permissions);

  const domains = await listAll(paginateListMailDomains(pages, { ...org }), (page) => page.MailDomains);
  const users = await listAll(paginateListUsers(pages, { ...org }), (page) => page.Users);
  const groups = await listAll(paginateListGroups(pages, { ...org }), (page) => page.Groups);
  const resources = await listAll(paginateListResources(pages, { ...org }), (page) => page.Resources);
  const roles = await listAll(paginateListImpersonationRoles(pages, { ...org }), (page) => page.Roles);

  const document = {
    format: 'cdk-workmail/snapshot@2' as const,
    takenAt: now.toISOString(),
    organization,
    tags: organization.ARN === undefined ? [] : (await client.send(new ListTagsForResourceCommand({ ResourceARN: organization.ARN }))).Tags ?? [],
    domains: await sequence(domains, async (domain) => {
      const { $metadata: _m, ...details } = await client.send(new GetMailDomainCommand({ ...org, DomainName: domain.DomainName }));
      return { ...domain, ...details };
    }),
    users: await sequence(users, async (user) => {
      if (!live([user]).length) {
        return { ...user, aliases: [], mailboxPermissions: [] };
      }
      const { $metadata: _m, ...details } = await client.send(new DescribeUserCommand({ ...org, UserId: user.Id }));
      // Quota and size (MB) exist for users with a mailbox only.
      const mailbox = user.State === 'ENABLED' && (user.UserRole === 'USER' || user.UserRole === undefined)
        ? await client.send(new GetMailboxDetailsCommand({ ...org, UserId: user.Id })) : undefined;
      return {
        ...user,
        ...details,
        ...(mailbox && { MailboxQuota: mailbox.MailboxQuota, MailboxSize: mailbox.MailboxSize }),
        aliases: await aliases(user.Id!),
        mailboxPermissions: await mailboxPermissions(user.Id!),
      };
    }),
    groups: await sequence(groups, async (group) => live([group]).length ? {
      ...group,
      // Whether the group shows in the global address list.
      HiddenFromGlobalAddressList: (await client.send(new DescribeGroupCommand({ ...org, GroupId: group.Id }))).HiddenFromGlobalAddressList,
      aliases: await aliases(group.Id!),
      members: await listAll(paginateListGroupMembers(pages, { ...org, GroupId: group.Id }), (page) => page.Members),
    } : { ...group, aliases: [], members: [] }),
    resources: await sequence(resources, async (resource) => {
      if (!live([resource]).length) {
        return { ...resource, aliases: [], delegates: [], mailboxPermissions: [] };
      }
      const { $metadata: _m, ...details } = await client.send(new DescribeResourceCommand({ ...org, ResourceId: resource.Id }));
      return {
        ...resource,
        ...details,
        aliases: await aliases(resource.Id!),
        delegates: await listAll(paginateListResourceDelegates(pages, { ...org, ResourceId: resource.Id }), (page) => page.Delegates),
        mailboxPermissions: await mailboxPermissions(resource.Id!),
      };
    }),
    accessControlRules: (await client.send(new ListAccessControlRulesCommand(org))).Rules ?? [],
    impersonationRoles: await sequence(roles, async (role) => {
      const request = { ...org, ImpersonationRoleId: role.ImpersonationRoleId };
      const { $metadata: _m, ...details } = await client.send(new GetImpersonationRoleCommand(request));
      return details;
    }),
    mobileDeviceAccessRules: (await client.send(new ListMobileDeviceAccessRulesCommand(org))).Rules ?? [],
    mobileDeviceAccessOverrides: await listAll(paginateListMobileDeviceAccessOverrides(pages, { ...org }), (page) => page.Overrides),
    retentionPolicy: await absentOn('EntityNotFoundException', async () => {
      const { $metadata: _m, ...policy } = await client.send(new GetDefaultRetentionPolicyCommand(org));
      return policy;
    }),
    inboundDmarc: { Enforced: (await client.send(new DescribeInboundDmarcSettingsCommand(org))).Enforced },
    emailMonitoring: await absentOn('ResourceNotFoundException', async () => {
      const { $metadata: _m, ...configuration } = await client.send(new DescribeEmailMonitoringConfigurationCommand(org));
      return configuration;
    }),
    availabilityConfigurations: await listAll(paginateListAvailabilityConfigurations(pages, { ...org }), (page) => page.AvailabilityConfigurations),
    // IAM Identity Center and personal access token settings, where set.
    identityProvider: await absentOn('ResourceNotFoundException', async () => {
      const { $metadata: _m, ...configuration } = await client.send(new DescribeIdentityProviderConfigurationCommand(org));
      return configuration;
    }),
    notCaptured: NOT_CAPTURED,
  };
  return withoutSecrets(document) as Snapshot;
}

/** One call at a time: WorkMail throttles bursts, and the snapshot is not in a hurry. */
async function sequence<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) {
    results.push(await read(item));
  }
  return results;
}

/** `null` when WorkMail answers that the organization has no such configuration. */
async function absentOn<T>(errorName: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Error && error.name === errorName) {
      return null;
    }
    throw error;
  }
}

/** Drops every member whose name speaks of a password or secret, at any depth; dates become ISO strings. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutSecrets);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([key, member]) => !/password|secret/i.test(key) && member !== undefined)
      .map(([key, member]) => [key, withoutSecrets(member)]));
  }
  return value;
}
