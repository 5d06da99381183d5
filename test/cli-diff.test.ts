import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CreateUserCommand, PutAccessControlRuleCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { resourcesOfType, synthesize } from './cli-app';
import { seedOrganization } from './cli-organization';
import { withActiveOrganization } from './handlers/active-organization';
import { request, run } from './handlers/cloudformation';
import { main } from '../src/cli';
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
  // EmailEventLogging makes a role of its own, and would point WorkMail at it: no email event logging here.
  await seedOrganization(client(), mail.emulator, mail.organizationId, { users: 20, emailEventLogging: false });
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
