import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  CreateAvailabilityConfigurationCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  PutAccessControlRuleCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { App, Stack } from 'aws-cdk-lib';
import {
  AccessControlRule,
  AccessEffect,
  AccessProtocol,
  ImpersonationRole,
  ImpersonationRoleType,
  MobileDeviceAccessRule,
  Organization,
  User,
} from '../src';
import { main, UsageError } from '../src/cli';
import { organizationIdentity, seedPersonalAccessToken } from './emulator/workmail/identity';
import { withActiveOrganization } from './handlers/active-organization';
import { createUser } from './handlers/directory';

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
const org = () => ['--organization-id', mail.organizationId];
const tokensOf = () => [...organizationIdentity(mail.emulator.organization(mail.organizationId)).tokens.values()];

describe('tokens', () => {
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    alice = await createUser(mail, 'alice');
    bob = await createUser(mail, 'bob');
    const organization = mail.emulator.organization(mail.organizationId);
    for (let i = 0; i < 12; i++) {
      seedPersonalAccessToken(organization, alice, `laptop-${i}`);
    }
    seedPersonalAccessToken(organization, bob, 'phone', { expires: new Date('2027-03-31T00:00:00Z'), lastUsed: new Date('2026-11-30T08:00:00Z') });
  });

  test('list: every token of every user, all pages', async () => {
    await expect(cli('tokens', 'list', ...org())).resolves.toBe(0);
    const lines = output.trim().split('\n');
    expect(lines[0]).toBe('TOKEN\tUSER\tNAME\tCREATED\tLAST USED\tEXPIRES\tSCOPES');
    expect(lines).toHaveLength(14);
    expect(lines.find((line) => line.includes('phone'))).toMatch(
      new RegExp(`^[0-9a-f]{32}\\t${bob}\\tphone\\t\\S+\\t2026-11-30T08:00:00.000Z\\t2027-03-31T00:00:00.000Z\\tIMAP,EWS,ActiveSync$`),
    );
  });

  test('list --user by name, as JSON', async () => {
    await cli('tokens', 'list', ...org(), '--user', 'bob', '--json');
    const listed = JSON.parse(output);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ UserId: bob, Name: 'phone', ExpiresTime: '2027-03-31T00:00:00.000Z' });
  });

  test('revoke without --yes shows what it would revoke and revokes nothing (exit code 3)', async () => {
    await expect(cli('tokens', 'revoke', ...org(), '--user', 'bob')).resolves.toBe(3);
    expect(output).toContain('nothing revoked: run again with --yes to revoke 1 token(s)');
    expect(tokensOf()).toHaveLength(13);
    expect(mail.emulator.callsTo('DeletePersonalAccessToken')).toHaveLength(0);
  });

  test('revoke --user --yes deletes every token of that user, and only those', async () => {
    await expect(cli('tokens', 'revoke', ...org(), '--user', 'alice', '--yes')).resolves.toBe(0);
    expect(output.trim().split('\n')).toHaveLength(12);
    expect(tokensOf().map((token) => token.UserId)).toEqual([bob]);
  });

  test('revoke --token (repeated) --yes deletes those tokens', async () => {
    const [first, second, kept] = tokensOf();
    await cli('tokens', 'revoke', ...org(), '--token', first.PersonalAccessTokenId, '--token', second.PersonalAccessTokenId, '--yes');
    expect(output).toContain(`revoked ${first.PersonalAccessTokenId} (laptop-0) of user ${alice}`);
    expect(tokensOf().map((token) => token.PersonalAccessTokenId)).not.toContain(first.PersonalAccessTokenId);
    expect(tokensOf().map((token) => token.PersonalAccessTokenId)).not.toContain(second.PersonalAccessTokenId);
    expect(tokensOf()).toContainEqual(kept);
  });

  test('revoke needs --token or --user, not both; an unknown token is WorkMail\'s error', async () => {
    await expect(cli('tokens', 'revoke', ...org(), '--yes')).rejects.toThrow(UsageError);
    await expect(cli('tokens', 'revoke', ...org(), '--user', 'bob', '--token', 'x', '--yes')).rejects.toThrow(UsageError);
    await expect(cli('tokens', 'revoke', ...org(), '--token', 'missing', '--yes')).rejects.toThrow(/Personal access token missing does not exist/);
    await expect(cli('tokens', 'list', ...org(), '--bogus')).rejects.toThrow(UsageError);
    await expect(cli('tokens', 'list')).rejects.toThrow('--organization-id must be an organization id');
    expect(tokensOf()).toHaveLength(13);
  });
});

describe('test', () => {
  const ids: Record<string, string> = {};
  let helpdesk: string;

  beforeEach(async () => {
    ids.alice = await createUser(mail, 'alice');
    ids.bob = await createUser(mail, 'bob');
    const o = { OrganizationId: mail.organizationId };
    // What the app below deploys, as its handlers would have put it.
    await client.send(new PutAccessControlRuleCommand({ ...o, Name: 'deny-imap-outside', Effect: 'DENY', Description: 'd', Actions: ['IMAP'], NotIpRanges: ['10.0.0.0/8'] }));
    await client.send(new PutAccessControlRuleCommand({ ...o, Name: 'deny-bob-smtp', Effect: 'DENY', Description: 'd', Actions: ['SMTP'], UserIds: [ids.bob] }));
    await client.send(new CreateMobileDeviceAccessRuleCommand({ ...o, Name: 'deny-android', Effect: 'DENY', DeviceOperatingSystems: ['Android'] }));
    helpdesk = (await client.send(new CreateImpersonationRoleCommand({
      ...o, Name: 'helpdesk', Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'all', Effect: 'ALLOW' }, { ImpersonationRuleId: 'not-alice', Effect: 'DENY', TargetUsers: [ids.alice] }],
    }))).ImpersonationRoleId!;
  });

  /** The app: the organization (created in the stack, alias corp), bob as a User of the stack, the rules above. */
  function synthesize(): string {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-workmail-posture-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Mail', { env: { region: 'us-east-1', account: '123456789012' } });
    const organization = new Organization(stack, 'Org', { alias: 'corp' });
    const bob = new User(stack, 'Bob', { organization, name: 'bob', displayName: 'Bob', email: 'bob@corp.awsapps.com' });
    const alice = User.fromUserId(stack, 'Alice', ids.alice);
    new AccessControlRule(stack, 'Imap', { organization, name: 'deny-imap-outside', effect: AccessEffect.DENY, protocols: [AccessProtocol.IMAP], notIpRanges: ['10.0.0.0/8'] });
    new AccessControlRule(stack, 'Smtp', { organization, name: 'deny-bob-smtp', effect: AccessEffect.DENY, protocols: [AccessProtocol.SMTP], users: [bob] });
    new MobileDeviceAccessRule(stack, 'Android', { organization, name: 'deny-android', effect: AccessEffect.DENY, deviceOperatingSystems: ['Android'] });
    new ImpersonationRole(stack, 'Helpdesk', {
      organization,
      name: 'helpdesk',
      roleType: ImpersonationRoleType.READ_ONLY,
      rules: [{ id: 'all', effect: AccessEffect.ALLOW }, { id: 'not-alice', effect: AccessEffect.DENY, targetUsers: [alice] }],
    });
    app.synth();
    return outdir;
  }

  test('access, live only: the live answer, exit code 0', async () => {
    await expect(cli('test', 'access', ...org(), '--user', 'alice', '--ip', '8.8.8.8', '--protocol', 'IMAP')).resolves.toBe(0);
    expect(output).toBe('live:    DENY  matched: deny-imap-outside\n');
  });

  test('access with --app: users and the organization of the stack resolved, both answers agree', async () => {
    const app = synthesize();
    await expect(cli('test', 'access', ...org(), '--user', 'bob', '--ip', '10.0.0.1', '--protocol', 'SMTP', '--app', app)).resolves.toBe(0);
    expect(output).toBe('live:    DENY  matched: deny-bob-smtp\noffline: DENY  matched: deny-bob-smtp\nagree\n');
    output = '';
    await expect(cli('test', 'access', ...org(), '--user', 'alice', '--ip', '10.0.0.1', '--protocol', 'SMTP', '--app', app)).resolves.toBe(0);
    expect(output).toContain('offline: ALLOW  matched: default\nagree\n');
  });

  test('access with --app: a rule made outside the app is reported, exit code 2', async () => {
    const app = synthesize();
    await client.send(new PutAccessControlRuleCommand({
      OrganizationId: mail.organizationId, Name: 'console-block', Effect: 'DENY', Description: 'made in the console', Actions: ['WebMail'],
    }));
    await expect(cli('test', 'access', ...org(), '--user', 'alice', '--ip', '1.2.3.4', '--protocol', 'WebMail', '--app', app)).resolves.toBe(2);
    expect(output).toContain('DISAGREE: effect: live DENY, offline ALLOW\n');
    expect(output).toContain('DISAGREE: matched live only: console-block (not in the app: made outside it?)\n');
    expect(output).toContain('DISAGREE: matched offline only: default\n');
  });

  test('mobile with --app: the built-in allow-all rule stands for the live one', async () => {
    const app = synthesize();
    await expect(cli('test', 'mobile', ...org(), '--device-os', 'iOS 17', '--app', app)).resolves.toBe(0);
    expect(output).toMatch(/^live: {4}ALLOW {2}matched: \S+\noffline: ALLOW {2}matched: default \(built-in allow-all rule\)\nagree\n$/);
    output = '';
    await expect(cli('test', 'mobile', ...org(), '--device-os', 'android 14', '--app', app)).resolves.toBe(0);
    expect(output).toContain('offline: DENY  matched: deny-android\nagree');
  });

  test('impersonation with --app: the role found by name, target users compared by id', async () => {
    const app = synthesize();
    await expect(cli('test', 'impersonation', ...org(), '--role', helpdesk, '--target', 'alice', '--app', app)).resolves.toBe(0);
    expect(output).toBe('live:    DENY  matched: not-alice\noffline: DENY  matched: not-alice\nagree\n');
    output = '';
    await expect(cli('test', 'impersonation', ...org(), '--role', helpdesk, '--target', 'bob', '--app', app)).resolves.toBe(0);
    expect(output).toContain('agree');
  });

  test('impersonation with --app: a role the app does not have is a disagreement', async () => {
    const app = synthesize();
    const { ImpersonationRoleId: other } = await client.send(new CreateImpersonationRoleCommand({
      OrganizationId: mail.organizationId, Name: 'console-role', Type: 'FULL_ACCESS', Rules: [{ ImpersonationRuleId: 'x', Effect: 'ALLOW' }],
    }));
    await expect(cli('test', 'impersonation', ...org(), '--role', other!, '--target', 'bob', '--app', app)).resolves.toBe(2);
    expect(output).toContain(`DISAGREE: impersonation role console-role (${other}) is not in the app`);
  });

  test('with --app, rules of another organization (literal id) are not this organization\'s', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-workmail-posture-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Other', { env: { region: 'us-east-1', account: '123456789012' } });
    const other = Organization.fromOrganizationId(stack, 'Org', 'm-00000000000000000000000000000000');
    new AccessControlRule(stack, 'Block', { organization: other, name: 'block-all', effect: AccessEffect.DENY });
    app.synth();
    await expect(cli('test', 'access', ...org(), '--user', 'alice', '--ip', '1.1.1.1', '--protocol', 'EWS', '--app', outdir)).resolves.toBe(0);
    expect(output).toContain('offline: ALLOW  matched: default\nagree\n');
  });

  test('with --app, a user of the app that WorkMail does not know is named as unresolved', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-workmail-posture-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Mail', { env: { region: 'us-east-1', account: '123456789012' } });
    const organization = Organization.fromOrganizationId(stack, 'Org', mail.organizationId);
    const carol = new User(stack, 'Carol', { organization, name: 'carol', displayName: 'Carol', email: 'carol@corp.awsapps.com' });
    new AccessControlRule(stack, 'DenyCarol', { organization, name: 'deny-carol', effect: AccessEffect.DENY, users: [carol] });
    app.synth();
    await expect(cli('test', 'access', ...org(), '--user', 'alice', '--ip', '10.1.1.1', '--protocol', 'IMAP', '--app', outdir)).resolves.toBe(0);
    expect(output).toMatch(/note: the offline answer could not resolve Mail DenyCarol[0-9A-F]+: \{"Ref":"Carol[0-9A-F]+"\}\n/);
  });

  test('availability: passed is 0, failed is 2 with WorkMail\'s reason', async () => {
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:availability';
    await client.send(new CreateAvailabilityConfigurationCommand({ OrganizationId: mail.organizationId, DomainName: 'partner.example', LambdaProvider: { LambdaArn: lambdaArn } }));
    await expect(cli('test', 'availability', ...org(), '--domain', 'partner.example')).resolves.toBe(2);
    expect(output).toBe(`availability of partner.example: test failed: The availability provider ${lambdaArn} did not answer.\n`);
    mail.emulator.identity().reachableProviders.add(lambdaArn);
    output = '';
    await expect(cli('test', 'availability', ...org(), '--domain', 'partner.example')).resolves.toBe(0);
    expect(output).toBe('availability of partner.example: test passed\n');
  });

  test('usage errors', async () => {
    await expect(cli('test', 'access', ...org(), '--ip', '1.1.1.1', '--protocol', 'IMAP')).rejects.toThrow(/give --user/);
    await expect(cli('test', 'access', ...org(), '--user', 'bob', '--protocol', 'IMAP')).rejects.toThrow('--ip is required');
    await expect(cli('test', 'nothing', ...org())).rejects.toThrow(UsageError);
    await expect(cli('test', 'availability', ...org(), '--domain', 'x.example', '--app', 'cdk.out')).rejects.toThrow(UsageError);
  });
});
