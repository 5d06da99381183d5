/**
 * A realistic organization for the import and diff tests (and the import benchmark), made the way
 * an administrator makes one: through the WorkMail API of the emulator.
 */
import {
  AssociateDelegateToResourceCommand,
  AssociateMemberToGroupCommand,
  CreateAliasCommand,
  CreateAvailabilityConfigurationCommand,
  CreateGroupCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  CreateResourceCommand,
  CreateUserCommand,
  PutAccessControlRuleCommand,
  PutEmailMonitoringConfigurationCommand,
  PutInboundDmarcSettingsCommand,
  PutMailboxPermissionsCommand,
  PutMobileDeviceAccessOverrideCommand,
  PutRetentionPolicyCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  UpdateDefaultMailDomainCommand,
  UpdateMailboxQuotaCommand,
  UpdateResourceCommand,
  UpdateUserCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from './emulator';

export interface SeededOrganization {
  /** User ids by name. */
  readonly users: Readonly<Record<string, string>>;
  readonly groups: Readonly<Record<string, string>>;
  readonly resources: Readonly<Record<string, string>>;
  readonly impersonationRoleId: string;
}

/** Names that are no identifier as they are, collide once normalised, or are reserved words and ids. */
export const AWKWARD_USER_NAMES = ['jane.doe', 'jane_doe', '1st.floor', 'delete', 'Organization'];

/**
 * `users` (at least 15) numbered users (user001...) plus the awkward ones, on the verified default domain
 * corp.example; groups with members (one nested), a room and a piece of equipment with
 * delegates and booking options, aliases, 10 access control rules with a changed `default`,
 * mobile rules and overrides, an impersonation role, a retention policy, DMARC off, email event
 * logging, an availability configuration, mailbox permissions and a disabled user.
 */
export async function seedOrganization(
  client: WorkMailClient,
  emulator: WorkMailEmulator,
  organizationId: string,
  options: { readonly users?: number } = {},
): Promise<SeededOrganization> {
  const org = { OrganizationId: organizationId };
  const domain = 'corp.example';
  await client.send(new RegisterMailDomainCommand({ ...org, DomainName: domain }));
  emulator.verifyMailDomain(organizationId, domain);
  await client.send(new UpdateDefaultMailDomainCommand({ ...org, DomainName: domain }));

  const users: Record<string, string> = {};
  const names = [...Array.from({ length: Math.max(options.users ?? 50, 15) }, (_, i) => `user${String(i + 1).padStart(3, '0')}`), ...AWKWARD_USER_NAMES];
  for (const name of names) {
    const { UserId } = await client.send(new CreateUserCommand({ ...org, Name: name, DisplayName: `User ${name}` }));
    await client.send(new RegisterToWorkMailCommand({ ...org, EntityId: UserId, Email: `${name}@${domain}` }));
    users[name] = UserId!;
  }
  await client.send(new UpdateUserCommand({ ...org, UserId: users.user001, FirstName: 'Ada', LastName: 'Lovelace', Department: 'Engineering' }));
  await client.send(new UpdateUserCommand({ ...org, UserId: users.user002, HiddenFromGlobalAddressList: true }));
  await client.send(new UpdateMailboxQuotaCommand({ ...org, UserId: users.user003, MailboxQuota: 10240 }));
  await client.send(new CreateAliasCommand({ ...org, EntityId: users.user001, Alias: `ada@${domain}` }));
  await client.send(new CreateAliasCommand({ ...org, EntityId: users.user001, Alias: `lovelace@${domain}` }));
  const { UserId: former } = await client.send(new CreateUserCommand({ ...org, Name: 'former', DisplayName: 'Former employee' }));
  users.former = former!;

  const groups: Record<string, string> = {};
  for (const [name, members] of [['sales', names.slice(0, 10)], ['support', names.slice(10, 15)], ['all-staff', []]] as const) {
    const { GroupId } = await client.send(new CreateGroupCommand({ ...org, Name: name }));
    await client.send(new RegisterToWorkMailCommand({ ...org, EntityId: GroupId, Email: `${name}@${domain}` }));
    for (const member of members) {
      await client.send(new AssociateMemberToGroupCommand({ ...org, GroupId, MemberId: users[member] }));
    }
    groups[name] = GroupId!;
  }
  await client.send(new AssociateMemberToGroupCommand({ ...org, GroupId: groups['all-staff'], MemberId: groups.sales }));
  await client.send(new AssociateMemberToGroupCommand({ ...org, GroupId: groups['all-staff'], MemberId: groups.support }));
  await client.send(new CreateAliasCommand({ ...org, EntityId: groups.sales, Alias: `deals@${domain}` }));

  const resources: Record<string, string> = {};
  for (const [name, type] of [['boardroom', 'ROOM'], ['projector', 'EQUIPMENT']] as const) {
    const { ResourceId } = await client.send(new CreateResourceCommand({ ...org, Name: name, Type: type, Description: `The ${name}` }));
    await client.send(new RegisterToWorkMailCommand({ ...org, EntityId: ResourceId, Email: `${name}@${domain}` }));
    resources[name] = ResourceId!;
  }
  // Never registered, so disabled: declared with `enabled: false` and no address.
  await client.send(new CreateResourceCommand({ ...org, Name: 'old-projector', Type: 'EQUIPMENT' }));
  await client.send(new AssociateDelegateToResourceCommand({ ...org, ResourceId: resources.boardroom, EntityId: users.user004 }));
  // A delegate first: a room that does not accept requests by itself needs someone who does.
  await client.send(new UpdateResourceCommand({
    ...org,
    ResourceId: resources.boardroom,
    BookingOptions: { AutoAcceptRequests: false, AutoDeclineRecurringRequests: true, AutoDeclineConflictingRequests: true },
  }));
  await client.send(new AssociateDelegateToResourceCommand({ ...org, ResourceId: resources.projector, EntityId: groups.support }));
  await client.send(new CreateAliasCommand({ ...org, EntityId: resources.boardroom, Alias: `meeting@${domain}` }));

  await client.send(new PutMailboxPermissionsCommand({ ...org, EntityId: users.user005, GranteeId: users.user006, PermissionValues: ['FULL_ACCESS', 'SEND_AS'] }));
  await client.send(new PutMailboxPermissionsCommand({ ...org, EntityId: users.user005, GranteeId: groups.support, PermissionValues: ['SEND_ON_BEHALF'] }));
  await client.send(new PutMailboxPermissionsCommand({ ...org, EntityId: resources.boardroom, GranteeId: users.user004, PermissionValues: ['FULL_ACCESS'] }));

  const { ImpersonationRoleId } = await client.send(new CreateImpersonationRoleCommand({
    ...org,
    Name: 'archiver',
    Type: 'READ_ONLY',
    Description: 'Reads mail for the archive',
    Rules: [{ ImpersonationRuleId: 'all-but-board', Name: 'everyone but the board', Effect: 'ALLOW', NotTargetUsers: [users.user001] }],
  }));

  // The built-in default rule, changed: no POP or IMAP from outside the office.
  await client.send(new PutAccessControlRuleCommand({
    ...org, Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule, changed', NotActions: ['IMAP'],
  }));
  const rules: PutAccessControlRuleCommand['input'][] = [
    { ...org, Name: 'deny-imap', Effect: 'DENY', Description: 'No IMAP', Actions: ['IMAP'] },
    { ...org, Name: 'office-only', Effect: 'DENY', Description: 'Only from the office', NotIpRanges: ['10.0.0.0/8', '192.0.2.0/24'], Actions: ['WebMail'] },
    { ...org, Name: 'contractors', Effect: 'DENY', Description: 'Contractors: web only', UserIds: [users.user010, users.user011], NotActions: ['WebMail'] },
    { ...org, Name: 'archiver-ews', Effect: 'ALLOW', Description: 'The archive role over EWS', Actions: ['EWS'], ImpersonationRoleIds: [ImpersonationRoleId!] },
    { ...org, Name: 'no-smtp', Effect: 'DENY', Description: 'No SMTP from outside', Actions: ['SMTP'], NotIpRanges: ['10.0.0.0/8'] },
    { ...org, Name: 'legacy-outlook', Effect: 'DENY', Description: 'No Outlook for Windows', Actions: ['WindowsOutlook'] },
    { ...org, Name: 'mobile-users', Effect: 'ALLOW', Description: 'Mobile for these users', Actions: ['ActiveSync'], UserIds: [users.user012] },
    { ...org, Name: 'blocked-range', Effect: 'DENY', Description: 'A blocked network', IpRanges: ['198.51.100.0/24'] },
    { ...org, Name: 'autodiscover', Effect: 'ALLOW', Description: 'Autodiscover for all but one', Actions: ['AutoDiscover'], NotUserIds: [users.user013] },
  ];
  for (const rule of rules) {
    await client.send(new PutAccessControlRuleCommand(rule));
  }

  await client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: 'ios', Effect: 'ALLOW', DeviceTypes: ['iPhone', 'iPad'], Description: 'Apple devices' }));
  await client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: 'old-android', Effect: 'DENY', DeviceOperatingSystems: ['Android 9'] }));
  await client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: users.user007, DeviceId: 'device0001', Effect: 'DENY', Description: 'Lost phone' }));
  await client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: users.user008, DeviceId: 'device0002', Effect: 'ALLOW' }));

  await client.send(new PutRetentionPolicyCommand({
    ...org,
    Name: 'keep-a-year',
    Description: 'Deleted items for a year',
    FolderConfigurations: [{ Name: 'DELETED_ITEMS', Action: 'PERMANENTLY_DELETE', Period: 365 }, { Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 30 }],
  }));
  await client.send(new PutInboundDmarcSettingsCommand({ ...org, Enforced: false }));
  await client.send(new PutEmailMonitoringConfigurationCommand({
    ...org, RoleArn: emulator.addRole('WorkMailEvents'), LogGroupArn: emulator.addLogGroup('/aws/workmail/emailevents/corp'),
  }));
  await client.send(new CreateAvailabilityConfigurationCommand({
    ...org, DomainName: 'partner.example', LambdaProvider: { LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:free-busy' },
  }));
  return { users, groups, resources, impersonationRoleId: ImpersonationRoleId! };
}
