import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CreateUserCommand, PutAccessControlRuleCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { resourcesOfType, synthesize } from './cli-app';
import { seedOrganization } from './cli-organization';
import { withActiveOrganization } from './handlers/active-organization';
import { request, run } from './handlers/cloudformation';
import { main } from '../src/cli';
import { formatDiff, planDiff } from '../src/cli/diff';
import { LiveOrganization } from '../src/cli/read';
import { ResourceType } from '../src/private/constants';

// The generated app imports the package by name: here that is this repository's src.
jest.mock('cdk-workmail', () => jest.requireActual('../src'), { virtual: true });

const mail = withActiveOrganization();
let output: string;
beforeEach(() => {
  output = '';
});
const client = () => new WorkMailClient({});
const cli = async (...args: string[]) => {
  output = '';
  return main(args, client(), (text) => void (output += text), () => undefined);
};
/** The lines of resources a deploy would create or update. */
const changing = () => output.split('\n').filter((line) => /^[+~] /.test(line));

/** Seeds the organization, imports it and synthesizes the app; returns the cloud assembly directory. */
async function importedApp(): Promise<{ cdkOut: string; template: Record<string, any> }> {
  await seedOrganization(client(), mail.emulator, mail.organizationId, { users: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'diff-'));
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', dir)).toBe(0);
  const assembly = synthesize(dir, 'bin/corp.ts');
  return { cdkOut: assembly.directory, template: assembly.stacks[0].template };
}

test('after an import nothing would change; a rule changed outside is reported alone, and after a deploy nothing again', async () => {
  const { cdkOut, template } = await importedApp();
  const code = await cli('diff', '--organization-id', mail.organizationId, '--app', cdkOut);
  expect(changing()).toEqual([]);
  expect(code).toBe(0);
  expect(output).toMatch(/^= adopt +Corp\/User001\w+ +user user001$/m);
  expect(output).toContain('In the organization, managed by no resource (1):\n  user former');

  await client().send(new PutAccessControlRuleCommand({
    OrganizationId: mail.organizationId, Name: 'deny-imap', Effect: 'DENY', Description: 'No IMAP', Actions: ['IMAP', 'SMTP'],
  }));
  expect(await cli('diff', '--organization-id', mail.organizationId, '--app', cdkOut)).toBe(2);
  expect(changing()).toEqual([expect.stringMatching(/^~ update +Corp\/DenyImapAccessRule\w+ +access control rule deny-imap$/)]);
  expect(output).toContain('      Actions: ["IMAP","SMTP"] -> ["IMAP"]\n');
  expect(output).toContain('0 to create, 1 to update');

  // The deploy: the rule's resource, as the template has it, through the handler.
  const [, rule] = Object.entries(resourcesOfType({ template } as never, ResourceType.ACCESS_CONTROL_RULE))
    .find(([id]) => id.startsWith('DenyImapAccessRule'))!;
  const { ServiceToken: _, ...properties } = rule.Properties;
  await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Update', properties, {
    PhysicalResourceId: `${mail.organizationId}|deny-imap`, OldResourceProperties: properties,
  }));
  expect(await cli('diff', '--organization-id', mail.organizationId, '--app', cdkOut)).toBe(0);
  expect(changing()).toEqual([]);
}, 300_000);

test('a template file: resources to create, objects no resource manages, and what could not be read', async () => {
  const org = { OrganizationId: mail.organizationId };
  await client().send(new CreateUserCommand({ ...org, Name: 'outsider', DisplayName: 'Outsider' }));
  const file = join(mkdtempSync(join(tmpdir(), 'diff-')), 'Mail.template.json');
  writeFileSync(file, JSON.stringify({
    Resources: {
      Alice: { Type: ResourceType.USER, Properties: { ServiceToken: 'arn', OrganizationId: mail.organizationId, Name: 'alice', Email: 'alice@corp.awsapps.com', Attributes: { DisplayName: 'Alice' } } },
      Rule: {
        Type: ResourceType.ACCESS_CONTROL_RULE,
        Properties: { ServiceToken: 'arn', OrganizationId: mail.organizationId, Name: 'alice-imap', Effect: 'DENY', Description: 'no IMAP', Actions: ['IMAP'], UserIds: [{ Ref: 'Alice' }] },
      },
      Other: { Type: ResourceType.USER, Properties: { ServiceToken: 'arn', OrganizationId: 'm-00000000000000000000000000000000', Name: 'x' } },
    },
  }));
  mail.emulator.injectFault({ kind: 'not-found', operation: 'ListAvailabilityConfigurations', count: 1, errorName: 'AccessDeniedException' });
  expect(await cli('diff', '--organization-id', mail.organizationId, '--template', file)).toBe(2);
  expect(changing()).toEqual([
    expect.stringMatching(/^\+ create +Mail\/Alice +user alice$/),
    expect.stringMatching(/^\+ create +Mail\/Rule +access control rule alice-imap$/),
  ]);
  // The rule names a user the deploy creates: its id is known only then.
  expect(output).not.toContain('Mail/Other');
  expect(output).toMatch(/managed by no resource \(3\):\n {2}user outsider \([-0-9a-f]+\)\n {2}access control rule default\n {2}mobile device access rule DefaultAllowAll/);
  expect(output).toContain('Not read, permission missing (what depends on it is not compared):\n  workmail:ListAvailabilityConfigurations: availability configurations\n');
});

test('diff needs a cloud assembly or a template', async () => {
  await expect(cli('diff', '--organization-id', mail.organizationId, '--app', tmpdir())).rejects.toThrow(/no cloud assembly there/);
  await expect(cli('diff', '--organization-id', mail.organizationId, '--app', 'a', '--template', 'b')).rejects.toThrow(/not both/);
});

describe('plans per resource type, from the handlers\' plan functions', () => {
  const ORG = 'm-0123456789abcdef0123456789abcdef';
  const live: LiveOrganization = {
    organizationId: ORG,
    alias: 'corp',
    defaultMailDomain: 'corp.example',
    tags: [],
    domains: [{ name: 'corp.example', isDefault: true, isTestDomain: false }],
    users: [{ id: 'u-1', name: 'alice', email: 'alice@corp.example', state: 'ENABLED', aliases: ['ali@corp.example'], attributes: { DisplayName: 'Alice' }, mailboxQuota: 51200 }],
    groups: [{ id: 'g-1', name: 'sales', email: 'sales@corp.example', state: 'ENABLED', aliases: [], members: [] }],
    resources: [{
      id: 'r-1',
      name: 'room',
      email: 'room@corp.example',
      state: 'ENABLED',
      type: 'ROOM',
      aliases: [],
      delegates: [],
      bookingOptions: { AutoAcceptRequests: true, AutoDeclineRecurringRequests: false, AutoDeclineConflictingRequests: true },
    }],
    accessControlRules: [],
    impersonationRoles: [],
    mobileDeviceAccessRules: [],
    mobileDeviceAccessOverrides: [],
    retentionPolicy: { Id: 'p-1', Name: 'keep', FolderConfigurations: [{ Name: 'INBOX', Action: 'NONE' }] },
    dmarcEnforced: true,
    availabilityConfigurations: [{ DomainName: 'partner.example', LambdaProvider: { LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:a' } }],
    mailboxPermissions: [{ entityId: 'u-1', granteeId: 'g-1', permissions: ['SEND_AS'] }],
    gaps: [],
  };
  const resource = (logicalId: string, type: string, properties: Record<string, unknown>) =>
    ({ stack: 'Mail', logicalId, type, properties: { ServiceToken: 'arn', OrganizationId: ORG, ...properties } });

  test('each field a deploy changes, old -> new', () => {
    const diff = planDiff([
      resource('Alice', ResourceType.USER, {
        Name: 'Alice', Email: 'alice@corp.example', Aliases: ['ali@corp.example', 'a@corp.example'], Attributes: { DisplayName: 'Alice L', Department: 'Ops' }, MailboxQuota: '1024',
      }),
      resource('Sales', ResourceType.GROUP, { Name: 'sales', Email: 'sales@corp.example', Members: [{ Ref: 'Alice' }], AdoptExisting: 'true' }),
      resource('Room', ResourceType.RESOURCE, { Name: 'room', Type: 'ROOM', Email: 'room@corp.example', BookingOptions: { AutoAcceptRequests: 'false' }, Delegates: [{ Ref: 'Alice' }] }),
      resource('Grant', ResourceType.MAILBOX_PERMISSION, { EntityId: { Ref: 'Alice' }, GranteeId: { Ref: 'Sales' }, PermissionValues: ['SEND_AS', 'SEND_ON_BEHALF'] }),
      resource('Retention', ResourceType.RETENTION_POLICY, { PolicyName: 'keep', Folders: [{ Name: 'INBOX', Action: 'NONE' }], AdoptExisting: 'true' }),
      resource('Dmarc', ResourceType.INBOUND_DMARC_SETTINGS, { Enforced: 'false' }),
      resource('Partner', ResourceType.AVAILABILITY_CONFIGURATION, { DomainName: 'Partner.example', LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:a' }),
    ], live);
    expect(diff.exitCode).toBe(2);
    expect(diff.plans.map((plan) => [plan.resource.logicalId, plan.action, plan.changes])).toEqual([
      ['Alice', 'update', [
        { field: 'DisplayName', from: 'Alice', to: 'Alice L' },
        { field: 'Department', from: undefined, to: 'Ops' },
        { field: 'MailboxQuota', from: 51200, to: 1024 },
        { field: 'Aliases', from: undefined, to: '+ a@corp.example' },
      ]],
      ['Sales', 'update', [{ field: 'Members', from: [], to: ['u-1'] }]],
      ['Room', 'update', [
        { field: 'BookingOptions', from: live.resources[0].bookingOptions, to: { AutoAcceptRequests: false, AutoDeclineRecurringRequests: false, AutoDeclineConflictingRequests: true } },
        { field: 'Delegates', from: [], to: ['u-1'] },
      ]],
      ['Grant', 'update', [{ field: 'PermissionValues', from: ['SEND_AS'], to: ['SEND_AS', 'SEND_ON_BEHALF'] }]],
      ['Retention', 'adopt', []],
      ['Dmarc', 'update', [{ field: 'Enforced', from: true, to: false }]],
      ['Partner', 'nothing', []],
    ]);
    expect(diff.unmanaged).toEqual(['mail domain corp.example']);
    expect(formatDiff(diff)).toContain('~ update       Mail/Alice  user alice\n      DisplayName: "Alice" -> "Alice L"\n');
  });
});
