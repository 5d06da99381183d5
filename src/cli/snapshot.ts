/**
 * The configuration snapshot: one JSON document of everything WorkMail lets an API read about an
 * organization, so it can be rebuilt elsewhere or brought under code. It reads as `import` does
 * (`OrganizationReader`: every listing to its last page, a bounded number of calls at once, each
 * retried), but keeps WorkMail's answers whole and stops at a refused read. Secrets are never part of it: WorkMail returns no password, and anything whose
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
  GetMailboxDetailsCommand,
  GetMailDomainCommand,
  ListAccessControlRulesCommand,
  ListMobileDeviceAccessRulesCommand,
  ListTagsForResourceCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { OrganizationReader } from './read';

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

export async function takeSnapshot(client: WorkMailClient, organizationId: string, now: Date = new Date(), concurrency?: number): Promise<Snapshot> {
  const reader = new OrganizationReader(client, concurrency);
  const send = reader.send;
  const org = { OrganizationId: organizationId };
  const { $metadata: _, ...organization } = await send(new DescribeOrganizationCommand(org));
  const live = <T extends { State?: string }>(entities: T[]) => entities.filter((entity) => entity.State !== 'DELETED');
  const list = reader.listings(organizationId);

  const [domains, users, groups, resources, roles] = await Promise.all([
    list.domains(), list.users(), list.groups(), list.resources(), list.impersonationRoles(),
  ]);

  const document = {
    format: 'cdk-workmail/snapshot@2' as const,
    takenAt: now.toISOString(),
    organization,
    tags: organization.ARN === undefined ? [] : (await send(new ListTagsForResourceCommand({ ResourceARN: organization.ARN }))).Tags ?? [],
    domains: await Promise.all(domains.map(async (domain) => {
      const { $metadata: _m, ...details } = await send(new GetMailDomainCommand({ ...org, DomainName: domain.DomainName }));
      return { ...domain, ...details };
    })),
    users: await Promise.all(users.map(async (user) => {
      if (!live([user]).length) {
        return { ...user, aliases: [], mailboxPermissions: [] };
      }
      // Quota and size (MB) exist for users with a mailbox only.
      const hasMailbox = user.State === 'ENABLED' && (user.UserRole === 'USER' || user.UserRole === undefined);
      const [{ $metadata: _m, ...details }, mailbox, userAliases, permissions] = await Promise.all([
        send(new DescribeUserCommand({ ...org, UserId: user.Id })),
        hasMailbox ? send(new GetMailboxDetailsCommand({ ...org, UserId: user.Id })) : undefined,
        list.aliases(user.Id),
        list.mailboxPermissions(user.Id),
      ]);
      return {
        ...user,
        ...details,
        ...(mailbox && { MailboxQuota: mailbox.MailboxQuota, MailboxSize: mailbox.MailboxSize }),
        aliases: userAliases,
        mailboxPermissions: permissions,
      };
    })),
    groups: await Promise.all(groups.map(async (group) => {
      if (!live([group]).length) {
        return { ...group, aliases: [], members: [] };
      }
      const [described, groupAliases, members] = await Promise.all([
        send(new DescribeGroupCommand({ ...org, GroupId: group.Id })),
        list.aliases(group.Id),
        list.groupMembers(group.Id),
      ]);
      // Whether the group shows in the global address list.
      return { ...group, HiddenFromGlobalAddressList: described.HiddenFromGlobalAddressList, aliases: groupAliases, members };
    })),
    resources: await Promise.all(resources.map(async (resource) => {
      if (!live([resource]).length) {
        return { ...resource, aliases: [], delegates: [], mailboxPermissions: [] };
      }
      const [{ $metadata: _m, ...details }, resourceAliases, delegates, permissions] = await Promise.all([
        send(new DescribeResourceCommand({ ...org, ResourceId: resource.Id })),
        list.aliases(resource.Id),
        list.resourceDelegates(resource.Id),
        list.mailboxPermissions(resource.Id),
      ]);
      return { ...resource, ...details, aliases: resourceAliases, delegates, mailboxPermissions: permissions };
    })),
    accessControlRules: (await send(new ListAccessControlRulesCommand(org))).Rules ?? [],
    impersonationRoles: await list.impersonationRoleDetails(roles),
    mobileDeviceAccessRules: (await send(new ListMobileDeviceAccessRulesCommand(org))).Rules ?? [],
    mobileDeviceAccessOverrides: await list.mobileDeviceAccessOverrides(),
    retentionPolicy: await absentOn('EntityNotFoundException', async () => {
      const { $metadata: _m, ...policy } = await send(new GetDefaultRetentionPolicyCommand(org));
      return policy;
    }),
    inboundDmarc: { Enforced: (await send(new DescribeInboundDmarcSettingsCommand(org))).Enforced },
    emailMonitoring: await absentOn('ResourceNotFoundException', async () => {
      const { $metadata: _m, ...configuration } = await send(new DescribeEmailMonitoringConfigurationCommand(org));
      return configuration;
    }),
    availabilityConfigurations: await list.availabilityConfigurations(),
    // IAM Identity Center and personal access token settings, where set.
    identityProvider: await absentOn('ResourceNotFoundException', async () => {
      const { $metadata: _m, ...configuration } = await send(new DescribeIdentityProviderConfigurationCommand(org));
      return configuration;
    }),
    notCaptured: NOT_CAPTURED,
  };
  return withoutSecrets(document) as Snapshot;
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
