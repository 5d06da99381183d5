import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  AssociateDelegateToResourceCommand,
  AssociateMemberToGroupCommand,
  CreateAliasCommand,
  CreateAvailabilityConfigurationCommand,
  CreateGroupCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  PutAccessControlRuleCommand,
  PutEmailMonitoringConfigurationCommand,
  PutMailboxPermissionsCommand,
  PutMobileDeviceAccessOverrideCommand,
  RegisterToWorkMailCommand,
  UpdateGroupCommand,
  UpdateMailboxQuotaCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { main, UsageError } from '../src/cli';
import { reportClient } from '../src/cli/export-status';
import { withoutSecrets } from '../src/cli/snapshot';
import { exportEngineHandler } from '../src/handlers/mailbox-export';
import { ResourceType } from '../src/private/constants';
import { ExportExecutionInput } from '../src/private/export-properties';
import { DEFAULT_MOBILE_RULE_NAME } from './emulator/workmail/access-rules';
import { exportJobs, exportSettings, resetExportSettings } from './emulator/workmail/export';
import { organizationIdentity } from './emulator/workmail/identity';
import { setRetentionPolicy } from './emulator/workmail/retention';
import { withActiveOrganization } from './handlers/active-organization';
import { request, run } from './handlers/cloudformation';
import { addVerifiedDomain, createDeletedUser, createRoom, createUser } from './handlers/directory';

let client: WorkMailClient;
let output: string;

const mail = withActiveOrganization();
beforeAll(() => {
  client = new WorkMailClient({});
});
beforeEach(() => {
  output = '';
});

const cli = (...args: string[]) => main(args, client, (text) => void (output += text));
const organization = () => mail.emulator.organization(mail.organizationId);
const DEFAULT_ACCESS_CONTROL_RULE = { Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' };
const DEFAULT_MOBILE_RULE = { Name: DEFAULT_MOBILE_RULE_NAME, Effect: 'ALLOW' };

describe('snapshot', () => {
  test('writes every area of the organization, every page of it, to stdout', async () => {
    const org = { OrganizationId: mail.organizationId };
    await addVerifiedDomain(mail, 'corp.example');
    const users: string[] = [];
    for (let i = 0; i < 12; i++) {
      users.push(await createUser(mail, `user${i}`, `user${i}@corp.example`));
    }
    const gone = await createDeletedUser(mail, 'gone');
    const room = await createRoom(mail, 'room', 'room@corp.example');
    const { GroupId: sales } = await client.send(new CreateGroupCommand({ ...org, Name: 'sales' }));
    await client.send(new RegisterToWorkMailCommand({ ...org, EntityId: sales, Email: 'sales@corp.example' }));
    for (const user of users) {
      await client.send(new AssociateMemberToGroupCommand({ ...org, GroupId: sales, MemberId: user }));
    }
    await client.send(new CreateAliasCommand({ ...org, EntityId: users[0], Alias: 'u0@corp.example' }));
    await client.send(new CreateAliasCommand({ ...org, EntityId: room, Alias: 'meeting@corp.example' }));
    await client.send(new AssociateDelegateToResourceCommand({ ...org, ResourceId: room, EntityId: users[1] }));
    await client.send(new PutAccessControlRuleCommand({ ...org, Name: 'deny-imap', Effect: 'DENY', Actions: ['IMAP'], Description: 'no imap' }));
    const { ImpersonationRoleId: role } = await client.send(new CreateImpersonationRoleCommand({
      ...org, Name: 'archiver', Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'r1', Effect: 'ALLOW', TargetUsers: [users[0]] }],
    }));
    await client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: 'ios', Effect: 'ALLOW', DeviceTypes: ['iPhone'] }));
    await client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: users[2], DeviceId: 'device1', Effect: 'DENY' }));
    await client.send(new CreateAvailabilityConfigurationCommand({
      ...org, DomainName: 'partner.example', EwsProvider: { EwsEndpoint: 'https://ews.partner.example/EWS/Exchange.asmx', EwsUsername: 'svc', EwsPassword: 'ews-secret-value' },
    }));
    await client.send(new PutEmailMonitoringConfigurationCommand({
      ...org, RoleArn: mail.emulator.addRole('Events'), LogGroupArn: mail.emulator.addLogGroup('/aws/workmail'),
    }));
    setRetentionPolicy(organization(), { name: 'keep', folders: [{ Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 30 }] });
    await client.send(new UpdateMailboxQuotaCommand({ ...org, UserId: users[0], MailboxQuota: 2048 }));
    await client.send(new PutMailboxPermissionsCommand({ ...org, EntityId: users[0], GranteeId: users[1], PermissionValues: ['FULL_ACCESS', 'SEND_AS'] }));
    await client.send(new PutMailboxPermissionsCommand({ ...org, EntityId: room, GranteeId: sales!, PermissionValues: ['SEND_ON_BEHALF'] }));
    await client.send(new UpdateGroupCommand({ ...org, GroupId: sales, HiddenFromGlobalAddressList: true }));
    organizationIdentity(organization()).configuration = {
      AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
      IdentityCenterConfiguration: {
        InstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
        ApplicationArn: 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef',
      },
      PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 90 },
    };

    expect(await cli('snapshot', '--organization-id', mail.organizationId)).toBe(0);
    const snapshot = JSON.parse(output);
    expect(snapshot).toMatchObject({
      format: 'cdk-workmail/snapshot@2',
      organization: { OrganizationId: mail.organizationId, Alias: 'corp', State: 'Active' },
      tags: expect.arrayContaining([{ Key: 'cdk-workmail:kms-key', Value: 'aws/workmail' }]),
      domains: [
        { DomainName: 'corp.awsapps.com', IsTestDomain: true, OwnershipVerificationStatus: 'VERIFIED' },
        { DomainName: 'corp.example', IsTestDomain: false, OwnershipVerificationStatus: 'VERIFIED' },
      ],
      groups: [{ Id: sales, Name: 'sales', Email: 'sales@corp.example', State: 'ENABLED', HiddenFromGlobalAddressList: true, aliases: [], members: expect.any(Array) }],
      resources: [{
        Id: room,
        aliases: ['meeting@corp.example'],
        delegates: [{ Id: users[1], Type: 'USER' }],
        BookingOptions: { AutoAcceptRequests: true },
        mailboxPermissions: [{ GranteeId: sales, GranteeType: 'GROUP', PermissionValues: ['SEND_ON_BEHALF'] }],
      }],
      // A new organization has the built-in default access control rule and an allow-all mobile rule.
      accessControlRules: [DEFAULT_ACCESS_CONTROL_RULE, { Name: 'deny-imap', Effect: 'DENY', Actions: ['IMAP'] }],
      impersonationRoles: [{ ImpersonationRoleId: role, Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'r1', TargetUsers: [users[0]] }] }],
      mobileDeviceAccessRules: [DEFAULT_MOBILE_RULE, { Name: 'ios', DeviceTypes: ['iPhone'] }],
      mobileDeviceAccessOverrides: [{ UserId: users[2], DeviceId: 'device1', Effect: 'DENY' }],
      retentionPolicy: { Name: 'keep', FolderConfigurations: [{ Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 30 }] },
      inboundDmarc: { Enforced: true },
      emailMonitoring: { RoleArn: 'arn:aws:iam::123456789012:role/Events' },
      availabilityConfigurations: [{ DomainName: 'partner.example', EwsProvider: { EwsUsername: 'svc' } }],
      identityProvider: { AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY', PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 90 } },
      notCaptured: expect.arrayContaining([expect.stringMatching(/^email flow rules/), expect.stringMatching(/^SMTP gateways/),
        expect.stringMatching(/^journaling/), expect.stringMatching(/^mobile device policy/), expect.stringMatching(/contacts, tasks and notes are not exported/)]),
    });
    expect(snapshot.users.find((user: any) => user.Id === users[0])).toMatchObject({
      DisplayName: 'user0',
      UserRole: 'USER',
      MailboxQuota: 2048,
      MailboxSize: 0,
      mailboxPermissions: [{ GranteeId: users[1], GranteeType: 'USER', PermissionValues: ['FULL_ACCESS', 'SEND_AS'] }],
    });
    expect(snapshot.users.find((user: any) => user.Id === users[1])).toMatchObject({ mailboxPermissions: [] });
    expect(snapshot.users).toHaveLength(14 - 1); // 12 users and the deleted one (resources are listed apart)
    expect(snapshot.users.find((user: any) => user.Id === users[0]).aliases).toEqual(['u0@corp.example']);
    expect(snapshot.users.find((user: any) => user.Id === gone)).toMatchObject({ State: 'DELETED', aliases: [] });
    expect(snapshot.groups[0].members).toHaveLength(12);
    expect(snapshot.groups[0].members).toEqual(expect.arrayContaining(users.map((id, i) => ({ Id: id, Name: `user${i}`, Type: 'USER', State: 'ENABLED' }))));
    expect(output).not.toContain('ews-secret-value');
    // Pages as large as WorkMail gives (following NextToken to the last page: test/cli-args.test.ts).
    expect(mail.emulator.callsTo('ListUsers').map((call) => call.input.MaxResults)).toEqual([100]);
    expect(mail.emulator.callsTo('ListGroupMembers').map((call) => call.input.MaxResults)).toEqual([100]);
  });

  test('an organization with nothing configured has empty sections and nulls, and can go to a private file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'snapshot-')), 'snapshot.json');
    expect(await cli('snapshot', '--organization-id', mail.organizationId, '--output', file)).toBe(0);
    expect(output).toBe('');
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    expect(snapshot).toMatchObject({
      users: [],
      groups: [],
      resources: [],
      // Nothing configured: only the rules every new organization has.
      accessControlRules: [DEFAULT_ACCESS_CONTROL_RULE],
      impersonationRoles: [],
      mobileDeviceAccessRules: [DEFAULT_MOBILE_RULE],
      mobileDeviceAccessOverrides: [],
      retentionPolicy: null,
      emailMonitoring: null,
      identityProvider: null,
      availabilityConfigurations: [],
    });
    expect((statSync(file).mode % 0o1000).toString(8)).toBe('600');
  });

  test('secrets never get in, whatever their depth', () => {
    expect(withoutSecrets({ a: 1, EwsPassword: 'x', nested: [{ ClientSecret: 'y', When: new Date(0), keep: 'z' }] }))
      .toEqual({ a: 1, nested: [{ When: '1970-01-01T00:00:00.000Z', keep: 'z' }] });
  });
});

describe('export-status', () => {
  test('the report is read with the region and credentials of --region and --profile, as WorkMail is', async () => {
    const workmail = new WorkMailClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIAPROFILE', secretAccessKey: 'secret' } });
    const s3 = reportClient(workmail);
    expect(await s3.config.region()).toBe('eu-west-1');
    expect((await s3.config.credentials()).accessKeyId).toBe('AKIAPROFILE');
  });

  async function startExport(...names: string[]) {
    mail.emulator.addBucket('exports');
    const started = await run(request(ResourceType.MAILBOX_EXPORT, 'Create', {
      OrganizationId: mail.organizationId,
      Mailboxes: names,
      RoleArn: 'arn:aws:iam::123456789012:role/Export',
      KmsKeyArn: mail.emulator.kms.addKey(),
      BucketName: 'exports',
      Prefix: 'p/',
      WaitSeconds: '0',
      MaxAttempts: '1',
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Export',
    }));
    const input = JSON.parse(mail.emulator.executions()[0].input) as ExportExecutionInput;
    return { marker: started.Data.Marker, report: `s3://exports/${started.Data.ReportKey}`, step: () => exportEngineHandler(input) };
  }

  test('reports jobs without starting any; the exit code says whether all completed', async () => {
    const alice = await createUser(mail, 'alice', 'alice@corp.awsapps.com');
    exportSettings.steps = 2; // each listing moves a job half-way
    const { marker, step } = await startExport('alice');
    await step();
    expect(await cli('export-status', '--organization-id', mail.organizationId, '--export', marker)).toBe(2);
    expect(output).toContain(`${alice}\tRUNNING`);
    output = '';
    expect(await cli('export-status', '--organization-id', mail.organizationId)).toBe(0);
    expect(output).toContain(`${alice}\tCOMPLETED\t100%\texports/p/${exportJobs(organization())[0].jobId}.zip`);
    exportJobs(organization())[0].state = 'FAILED';
    expect(await cli('export-status', '--organization-id', mail.organizationId)).toBe(1);
    expect(await cli('export-status', '--organization-id', mail.organizationId, '--export', 'another export')).toBe(0);
    expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(1);
  });

  test('--report: progress, bytes and verification per mailbox; --watch reads until the export is over', async () => {
    await createUser(mail, 'alice', 'alice@corp.awsapps.com');
    const bob = await createUser(mail, 'bob', 'bob@corp.awsapps.com');
    exportSettings.steps = 2;
    exportSettings.failures.set(bob, 1);
    const { report, step } = await startExport('alice', 'bob');
    await step();
    expect(await cli('export-status', '--organization-id', mail.organizationId, '--report', report)).toBe(2);
    expect(output).toMatch(/^cdk-workmail export [0-9a-f]{24}: 0 of 2 mailboxes exported; 2 running; 0 B exported; 0 verification failure\(s\)/);
    output = '';

    const progress: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((text) => progress.push(String(text)) > 0);
    const watching = cli('export-status', '--organization-id', mail.organizationId, '--report', report, '--watch', '0.05');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await step(); // the jobs half-way
    await step(); // alice's export completed and verified, bob's failed
    expect(await watching).toBe(1);
    stderr.mockRestore();
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toContain('0 of 2 mailboxes exported; 2 running');
    const [head, columns, alice, bobLine] = output.trim().split('\n');
    expect(head).toMatch(/: 1 of 2 mailboxes exported; 1 failed; \d+(\.\d)? KB exported; 0 verification failure\(s\); report COMPLETED at /);
    expect(columns).toBe('MAILBOX\tSTATE\tATTEMPTS\tJOB\tSTARTED\tENDED\tBYTES\tITEMS\tNOT EXPORTABLE\tVERIFICATION\tREASON');
    expect(alice).toMatch(/^alice\tEXPORTED\t1\t[0-9a-f-]{36}\t\S+\t\S+\t\d+\t\d+\t2\tVERIFIED\t-$/);
    expect(bobLine).toMatch(/^bob\tFAILED\t1\t.*\t-\tMailbox export failed: internal error$/);
  });

  test('a failed mailbox wins over one still running: exit 1 from the report, as from the job list', async () => {
    const alice = await createUser(mail, 'alice', 'alice@corp.awsapps.com');
    const bob = await createUser(mail, 'bob', 'bob@corp.awsapps.com');
    exportSettings.steps = 4; // alice's job still runs after the next listings
    const { marker, report, step } = await startExport('alice', 'bob');
    await step();
    Object.assign(exportJobs(organization()).find((job) => job.entityId === bob)!, { state: 'FAILED', errorInfo: 'Mailbox export failed: internal error' });
    await step();
    try {
      expect(await cli('export-status', '--organization-id', mail.organizationId, '--report', report)).toBe(1);
      expect(output).toMatch(/: 0 of 2 mailboxes exported; 1 running; 1 failed;/);
      output = '';
      expect(await cli('export-status', '--organization-id', mail.organizationId, '--export', marker)).toBe(1);
      expect(output).toContain(`${alice}\tRUNNING`);
    } finally {
      resetExportSettings();
    }
  });

  test.each([
    [['--report', 'exports/key'], /--report takes the s3:\/\/<bucket>\/<key> URL/],
    [['--watch', '0'], /--watch takes the seconds between reads/],
  ])('refuses %j', async (args, message) => {
    await expect(cli('export-status', '--organization-id', mail.organizationId, ...args)).rejects.toThrow(message);
  });
});

test.each([
  [['snapshot'], /--organization-id must be an organization id/],
  [['snapshot', '--organization-id', 'corp'], /--organization-id must be/],
  [['dump', '--organization-id', 'm-0123456789abcdef0123456789abcdef'], /unknown command "dump"/],
  [['snapshot', '--organisation', 'x'], /unexpected argument "--organisation"/],
])('usage errors %#', async (args, message) => {
  await expect(main(args, client, () => undefined)).rejects.toThrow(message);
  await expect(main(args, client, () => undefined)).rejects.toBeInstanceOf(UsageError);
});
