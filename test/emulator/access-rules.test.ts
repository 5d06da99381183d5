/** The emulator's access rule operations, through the real SDK client. */
import {
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  CreateOrganizationCommand,
  DeleteAccessControlRuleCommand,
  GetAccessControlEffectCommand,
  GetMobileDeviceAccessEffectCommand,
  GetMobileDeviceAccessOverrideCommand,
  ListAccessControlRulesCommand,
  ListMobileDeviceAccessRulesCommand,
  PutAccessControlRuleCommand,
  PutMobileDeviceAccessOverrideCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from '.';

let emulator: WorkMailEmulator;
let client: WorkMailClient;
let org: string;

beforeAll(async () => {
  emulator = await WorkMailEmulator.start();
  // One attempt: the SDK retries LimitExceededException as if it were throttling.
  client = new WorkMailClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.reset();
  emulator.setCreationSteps(0);
  org = (await client.send(new CreateOrganizationCommand({ Alias: 'corp' }))).OrganizationId!;
});

const put = (Name: string, extra = {}) => client.send(new PutAccessControlRuleCommand({ OrganizationId: org, Name, Effect: 'ALLOW', Description: Name, ...extra }));

test('a new organization has the default access control rule and an allow-all mobile rule', async () => {
  const { Rules } = await client.send(new ListAccessControlRulesCommand({ OrganizationId: org }));
  expect(Rules).toMatchObject([{ Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' }]);
  const mobile = await client.send(new ListMobileDeviceAccessRulesCommand({ OrganizationId: org }));
  expect(mobile.Rules).toMatchObject([{ Effect: 'ALLOW' }]);
  expect(Object.keys(mobile.Rules![0]).filter((key) => key.includes('Device'))).toEqual(['MobileDeviceAccessRuleId']);
});

test('PutAccessControlRule upserts by name; the 11th name (default included) is refused; deleting a missing rule succeeds', async () => {
  for (let i = 0; i < 9; i++) {
    await put(`rule-${i}`);
  }
  await put('rule-0', { Effect: 'DENY' });
  await expect(put('rule-9')).rejects.toMatchObject({ name: 'LimitExceededException' });
  await client.send(new DeleteAccessControlRuleCommand({ OrganizationId: org, Name: 'never-existed' }));
  const { Rules } = await client.send(new ListAccessControlRulesCommand({ OrganizationId: org }));
  expect(Rules).toHaveLength(10);
  expect(Rules!.find((rule) => rule.Name === 'rule-0')!.Effect).toBe('DENY');
});

test('PutAccessControlRule refuses unknown actions and impersonation roles, and model-invalid ranges', async () => {
  await expect(put('r', { Actions: ['POP3'] })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(put('r', { ImpersonationRoleIds: ['nope'] })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(put('r', { IpRanges: ['10.0.0.0/33'] })).rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('GetAccessControlEffect takes a user or an impersonation role, the latter over EWS only', async () => {
  const effect = (input: object) => client.send(new GetAccessControlEffectCommand({ OrganizationId: org, IpAddress: '10.0.0.1', Action: 'EWS', ...input }));
  await expect(effect({})).rejects.toMatchObject({ name: 'InvalidParameterException' });
  const { ImpersonationRoleId } = await client.send(new CreateImpersonationRoleCommand({ OrganizationId: org, Name: 'r', Type: 'READ_ONLY', Rules: [] }));
  await expect(effect({ UserId: 'user-0000-0001', ImpersonationRoleId })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(effect({ ImpersonationRoleId, Action: 'IMAP' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  expect(await effect({ ImpersonationRoleId })).toMatchObject({ Effect: 'ALLOW', MatchedRules: ['default'] });
  await client.send(new DeleteAccessControlRuleCommand({ OrganizationId: org, Name: 'default' }));
  expect(await effect({ UserId: 'user-0000-0001' })).toMatchObject({ Effect: 'DENY', MatchedRules: [] });
});

test('GetMobileDeviceAccessEffect: $NONE, Not* on unreported fields, 10-rule limit', async () => {
  const create = (input: object) => client.send(new CreateMobileDeviceAccessRuleCommand({ OrganizationId: org, Name: 'r', Effect: 'DENY', ...input }));
  await create({ Name: 'no-type', DeviceTypes: ['$NONE'] });
  await create({ Name: 'not-ios', NotDeviceOperatingSystems: ['ios'] });
  const effect = (input: object) => client.send(new GetMobileDeviceAccessEffectCommand({ OrganizationId: org, ...input }));
  expect((await effect({ DeviceModel: 'x', DeviceOperatingSystem: 'iOS 17' })).MatchedRules!.map((r) => r.Name)).toEqual(['no-type']);
  expect((await effect({ DeviceType: 'iPhone', DeviceOperatingSystem: 'IOS 17' })).Effect).toBe('ALLOW');
  expect((await effect({ DeviceType: 'iPhone' })).Effect).toBe('ALLOW');
  expect((await effect({ DeviceType: 'Pixel', DeviceOperatingSystem: 'Android 14' })).MatchedRules!.map((r) => r.Name)).toEqual(['not-ios']);
  for (let i = 0; i < 7; i++) {
    await create({ Name: `r${i}` });
  }
  await expect(create({})).rejects.toMatchObject({ name: 'LimitExceededException' });
});

test('overrides are keyed by user and case-insensitive device id', async () => {
  const override = (DeviceId: string, Effect: 'ALLOW' | 'DENY') =>
    client.send(new PutMobileDeviceAccessOverrideCommand({ OrganizationId: org, UserId: 'alice@corp.example', DeviceId, Effect }));
  await override('PHONE1', 'ALLOW');
  await override('phone1', 'DENY');
  const got = await client.send(new GetMobileDeviceAccessOverrideCommand({ OrganizationId: org, UserId: 'alice@corp.example', DeviceId: 'Phone1' }));
  expect(got.Effect).toBe('DENY');
});
