import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { resourcesOfType, synthesize, typeCheck } from './cli-app';
import { seedOrganization } from './cli-organization';
import { withActiveOrganization } from './handlers/active-organization';
import { request, run } from './handlers/cloudformation';
import { main } from '../src/cli';
import { generateApp, STACK_BUDGET, STACK_RESOURCE_LIMIT } from '../src/cli/codegen';
import { allocateIds, shortHash, variableName } from '../src/cli/names';
import { LiveOrganization } from '../src/cli/read';
import { takeSnapshot } from '../src/cli/snapshot';
import { ResourceType } from '../src/private/constants';

// The generated app imports the package by name: here that is this repository's src.
jest.mock('cdk-workmail', () => jest.requireActual('../src'), { virtual: true });

const mail = withActiveOrganization();
let output: string;
let progress: string[];
beforeEach(() => {
  output = '';
  progress = [];
});
const cli = (...args: string[]) => main(args, new WorkMailClient({}), (text) => void (output += text), (line) => void progress.push(line));
const newDir = () => mkdtempSync(join(tmpdir(), 'import-'));
const files = (dir: string): Record<string, string> => Object.fromEntries(
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => { const path = join(entry.parentPath, entry.name); return [path.slice(dir.length + 1), readFileSync(path, 'utf8')]; }));

/** Operations that change an organization: none may run during an import. */
const WRITE = /^(Create|Put|Update|Delete|Register|Deregister|Reset|Associate|Disassociate|Start|Tag|Untag|Cancel)/;

test('a seeded organization becomes an app that compiles, synthesizes, and declares everything adopted', async () => {
  await seedOrganization(new WorkMailClient({}), mail.emulator, mail.organizationId);
  const dir = newDir();
  const from = mail.emulator.calls.length;
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', dir)).toBe(0);
  expect(mail.emulator.calls.slice(from).filter((call) => WRITE.test(call.operation))).toEqual([]);
  expect(progress).toEqual(expect.arrayContaining([expect.stringMatching(/^reading 56 users$/)]));

  const app = files(dir);
  expect(Object.keys(app).sort()).toEqual(['.gitignore', 'bin/corp.ts', 'cdk.json', 'lib/corp-stack.ts', 'lib/organization.ts', 'package.json', 'tsconfig.json']);
  expect(JSON.parse(app['package.json']).dependencies).toEqual({ 'aws-cdk-lib': expect.stringMatching(/^\^2\./), 'cdk-workmail': expect.any(String), 'constructs': expect.stringMatching(/^\^10\./) });
  const stack = app['lib/corp-stack.ts'];
  // What the API cannot read, and what to do, at the top.
  expect(stack.slice(0, stack.indexOf('\nimport '))).toMatch(/Email flow rules[\s\S]*SMTP gateways[\s\S]*Journaling[\s\S]*Passwords/);
  // Ids from names: normalised, disambiguated in name order, never a reserved id or word.
  expect(stack).toContain('new workmail.User(this, \'JaneDoe\', {\n      organization,\n      name: \'jane.doe\',');
  expect(stack).toContain('new workmail.User(this, \'JaneDoe2\', {\n      organization,\n      name: \'jane_doe\',');
  expect(stack).toContain('new workmail.User(this, \'User1stFloor\'');
  expect(stack).toContain('new workmail.User(this, \'UserOrganization\'');
  expect(stack).toContain('const delete_ = new workmail.User(this, \'Delete\'');
  expect(stack).toMatch(/new workmail\.AccessControlRule\(this, 'DefaultAccessRule', \{\n\s+organization,\n\s+name: 'default',\n\s+effect: workmail\.AccessEffect\.ALLOW,\n\s+description: 'Default WorkMail Rule, changed',\n\s+notProtocols: \[workmail\.AccessProtocol\.IMAP\],/);
  expect(stack).toMatch(/name: 'user003',[\s\S]*?mailboxQuota: Size\.mebibytes\(10240\),/);
  expect(stack).toMatch(/new workmail\.InboundDmarc\(this, 'InboundDmarc', \{\n\s+organization,\n\s+enforced: false,\n\s+adoptExisting: true,/);
  expect(stack).toContain('Not declared: user former.');
  expect(stack).toMatch(/new workmail\.Resource\(this, 'OldProjectorEquipment', \{\n\s+organization,\n\s+name: 'old-projector',\n\s+kind: workmail\.ResourceKind\.EQUIPMENT,\n\s+enabled: false,\n\s+bookingOptions: \{[^}]*\},\n\s+adoptExisting: true,/);
  // Email event logging keeps the role WorkMail writes with today.
  expect(stack).toMatch(/new workmail\.EmailEventLogging\(this, 'EmailEventLogging', \{\n[\s\S]*?role: iam\.Role\.fromRoleArn\(this, 'EmailEventRole', 'arn:aws:iam::\d+:role\/WorkMailEvents', \{ mutable: false \}\),\n\s+adoptExisting: true,/);
  expect(stack).toContain('import * as iam from \'aws-cdk-lib/aws-iam\';');
  // A group's member groups come first, so that it names them by variable.
  expect(stack).toMatch(/name: 'all-staff',\n\s+email: 'all-staff@corp.example',\n\s+members: \[salesGroup, supportGroup\],/);

  // The same organization, the same app.
  const again = newDir();
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', again)).toBe(0);
  expect(files(again)).toEqual(app);

  typeCheck(dir);
  const [synthesized] = synthesize(dir, 'bin/corp.ts').stacks;
  const count = (type: string) => Object.keys(resourcesOfType(synthesized, type)).length;
  expect({
    users: count(ResourceType.USER),
    groups: count(ResourceType.GROUP),
    resources: count(ResourceType.RESOURCE),
    domains: count(ResourceType.DOMAIN),
    permissions: count(ResourceType.MAILBOX_PERMISSION),
    accessControlRules: count(ResourceType.ACCESS_CONTROL_RULE),
    impersonationRoles: count(ResourceType.IMPERSONATION_ROLE),
    mobileRules: count(ResourceType.MOBILE_DEVICE_ACCESS_RULE),
    overrides: count(ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE),
    retention: count(ResourceType.RETENTION_POLICY),
    dmarc: count(ResourceType.INBOUND_DMARC_SETTINGS),
    emailMonitoring: count(ResourceType.EMAIL_MONITORING),
    availability: count(ResourceType.AVAILABILITY_CONFIGURATION),
  }).toEqual({
    users: 55,
    groups: 3,
    resources: 3,
    domains: 1,
    permissions: 3,
    accessControlRules: 10,
    impersonationRoles: 1,
    mobileRules: 3,
    overrides: 2,
    retention: 1,
    dmarc: 1,
    emailMonitoring: 1,
    availability: 1,
  });
  const estimated = Number(/About (\d+) CloudFormation resources/.exec(stack)![1]);
  expect(Object.keys(synthesized.template.Resources).length).toBeLessThanOrEqual(estimated);
}, 600_000);

test('an AccessDenied on one listing names the permission, marks the gap in the code, and the rest is imported', async () => {
  await seedOrganization(new WorkMailClient({}), mail.emulator, mail.organizationId, { users: 3 });
  mail.emulator.injectFault({ kind: 'not-found', operation: 'ListMobileDeviceAccessOverrides', count: 1, errorName: 'AccessDeniedException' });
  const dir = newDir();
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', dir)).toBe(0);
  expect(progress).toContain('not read, workmail:ListMobileDeviceAccessOverrides missing: mobile device access overrides');
  const stack = readFileSync(join(dir, 'lib/corp-stack.ts'), 'utf8');
  expect(stack).toContain('// NOT READ, permission missing (grant it and run cdk-workmail import again):\n'
    + '// - workmail:ListMobileDeviceAccessOverrides: mobile device access overrides\n');
  expect(stack).not.toContain('MobileDeviceAccessOverride(');
  expect(stack).toContain('new workmail.MobileDeviceAccessRule(this, \'IosMobileRule\'');
});

test('import refuses a directory that holds files, and needs --out', async () => {
  const dir = newDir();
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', dir)).toBe(0);
  await expect(cli('import', '--organization-id', mail.organizationId, '--out', dir)).rejects.toThrow(/is not empty/);
  await expect(cli('import', '--organization-id', mail.organizationId)).rejects.toThrow(/--out <dir> is required/);
});

describe('a large organization', () => {
  const organization = (users: number): LiveOrganization => ({
    organizationId: 'm-0123456789abcdef0123456789abcdef',
    alias: 'big',
    arn: 'arn:aws:workmail:us-east-1:123456789012:organization/m-0123456789abcdef0123456789abcdef',
    defaultMailDomain: 'big.example',
    tags: [],
    domains: [{ name: 'big.example', isDefault: true, isTestDomain: false }],
    users: Array.from({ length: users }, (_, i) => ({
      id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      name: `u${i}`,
      email: `u${i}@big.example`,
      state: 'ENABLED',
      aliases: [],
      attributes: { DisplayName: `U ${i}` },
    })),
    groups: [{ id: 'group-1', name: 'everyone', email: 'everyone@big.example', state: 'ENABLED', aliases: [], members: ['00000000-0000-0000-0000-000000000001'] }],
    resources: [],
    accessControlRules: [{ Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule', UserIds: ['00000000-0000-0000-0000-000000000002'] }],
    impersonationRoles: [],
    mobileDeviceAccessRules: [],
    mobileDeviceAccessOverrides: [],
    availabilityConfigurations: [],
    mailboxPermissions: [],
    gaps: [],
  });
  const options = { region: 'us-east-1', libraryVersion: '1.2.3', cdkVersion: '2.257.0', constructsVersion: '10.5.1' };

  test('is split into stacks under the limit with room to grow, the same way every time', () => {
    const app = generateApp(organization(2500), options);
    expect(app.stacks.length).toBeGreaterThan(7);
    for (const stack of app.stacks) {
      expect(stack.estimatedResources).toBeLessThanOrEqual(STACK_BUDGET);
    }
    expect(STACK_BUDGET).toBeLessThan(STACK_RESOURCE_LIMIT);
    expect(generateApp(organization(2500), options)).toEqual(app);
    // Entities reached from another stack are imported by id there.
    expect(app.files['lib/big-stack.ts']).toContain('const u2Ref = workmail.User.fromUserId(imported, \'U2\', \'00000000-0000-0000-0000-000000000002\');');
    // Adding users moves no one while the number of stacks stays.
    const grown = generateApp(organization(2510), options);
    expect(grown.stacks.length).toBe(app.stacks.length);
    for (const [file, text] of Object.entries(app.files).filter(([name]) => name.includes('entities'))) {
      for (const [, name] of text.matchAll(/name: '(u\d+)'/g)) {
        expect(grown.files[file]).toContain(`name: '${name}'`);
      }
    }
  });

  test('each stack synthesizes within its estimate', () => {
    const app = generateApp(organization(700), options);
    const dir = newDir();
    for (const [file, text] of Object.entries(app.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const stacks = synthesize(dir, 'bin/big.ts').stacks;
    expect(stacks.map((stack) => stack.stackName)).toEqual(app.stacks.map((stack) => stack.stackId));
    stacks.forEach((stack, i) => expect(Object.keys(stack.template.Resources).length).toBeLessThanOrEqual(app.stacks[i].estimatedResources));
    expect(stacks.reduce((sum, stack) => sum + Object.keys(resourcesOfType(stack, ResourceType.USER)).length, 0)).toBe(700);
  }, 300_000);
});

test('ids are unique whatever the order of the names, and variables are identifiers', () => {
  const requests = ['a.b', 'a_b', 'a-b', 'AB', 'ab2', 'é', '山田', '9lives'].map((name) => ({ key: `user:${name}`, name, word: 'User' }));
  const ids = allocateIds(requests);
  expect(allocateIds([...requests].reverse())).toEqual(ids);
  // Duplicates in key order: 'user:AB' < 'user:a-b' < 'user:a.b' < 'user:a_b'.
  expect(Object.fromEntries(ids)).toEqual({
    'user:AB': 'AB',
    'user:a-b': 'AB2',
    'user:a.b': 'AB3',
    'user:a_b': 'AB4',
    'user:ab2': 'Ab2',
    'user:é': 'E',
    'user:山田': `User${shortHash('山田')}`,
    'user:9lives': 'User9lives',
  });
  for (const id of ids.values()) {
    expect(variableName(id)).toMatch(/^[a-z][A-Za-z0-9_]*$/);
  }
});

/** The write operations: tagging the organization (ownership records) is not among them. */
const CHANGE = /^(Create|Put|Update|Delete|Register|Deregister|Reset|Associate|Disassociate|Start)/;

/**
 * Runs the Create of every WorkMail custom resource of a synthesized stack through the handlers,
 * in dependency order, resolving Ref and Fn::GetAtt to what earlier Creates answered (an IAM
 * role of the stack becomes a role of the emulator).
 */
async function deployThroughHandlers(stack: CloudFormationStackArtifact): Promise<void> {
  const resources = stack.template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  const done = new Map<string, { PhysicalResourceId: string; Data: Record<string, string> }>();
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(resolve);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const [key] = Object.keys(value);
    const argument = (value as Record<string, any>)[key];
    if (key === 'Ref') {
      return done.get(argument)?.PhysicalResourceId ?? pending;
    }
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = argument as string[];
      if (!resources[id].Type.startsWith('Custom::')) {
        return resources[id].Type === 'AWS::IAM::Role' ? mail.emulator.addRole(id) : `arn:aws:logs:us-east-1:123456789012:log-group:${id}:*`;
      }
      return done.get(id)?.Data[attribute] ?? pending;
    }
    if (key === 'Fn::Join') {
      const parts = (argument[1] as unknown[]).map(resolve);
      return parts.includes(pending) ? pending : parts.join(argument[0]);
    }
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, resolve(member)]));
  };
  const hasPending = (value: unknown): boolean => value === pending || (typeof value === 'object' && value !== null && Object.values(value).some(hasPending));
  const custom = Object.entries(resources).filter(([, resource]) => resource.Type.startsWith('Custom::WorkMail'));
  while (done.size < custom.length) {
    const ready = custom.filter(([id, resource]) => !done.has(id) && !hasPending(resolve(resource.Properties)));
    expect(ready.length).toBeGreaterThan(0);
    for (const [id, resource] of ready) {
      const { ServiceToken: _, ...properties } = resolve(resource.Properties) as Record<string, unknown>;
      done.set(id, await run(request(resource.Type, 'Create', properties, { LogicalResourceId: id, StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${stack.stackName}/1` })));
    }
  }
}
const pending = Symbol('pending');

/** The snapshot without the organization tags in which cdk-workmail records what its resources claimed (docs/ownership.md). */
function configuration(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !(typeof item?.Key === 'string' && item.Key.startsWith('cdk-workmail:'))).map(configuration);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, configuration(member)]));
  }
  return value;
}

test('round trip: every generated resource\'s Create through the handlers leaves the organization as it was', async () => {
  const workmail = new WorkMailClient({});
  await seedOrganization(workmail, mail.emulator, mail.organizationId);
  const before = await takeSnapshot(workmail, mail.organizationId, new Date(0));
  const dir = newDir();
  expect(await cli('import', '--organization-id', mail.organizationId, '--out', dir)).toBe(0);
  const assembly = synthesize(dir, 'bin/corp.ts');
  const from = mail.emulator.calls.length;
  for (const stack of assembly.stacks) {
    await deployThroughHandlers(stack);
  }
  const writes = mail.emulator.calls.slice(from).filter((call) => CHANGE.test(call.operation));
  // Not one write: what each resource declares is what the organization holds.
  expect(writes.map((call) => `${call.operation} ${JSON.stringify(call.input)}`)).toEqual([]);
  const after = await takeSnapshot(workmail, mail.organizationId, new Date(0));
  expect(configuration(after)).toEqual(configuration(before));
}, 600_000);
