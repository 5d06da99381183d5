/**
 * Handler lifecycles for access control rules, impersonation roles, mobile device access rules
 * and overrides, and the default rule removal, through the real SDK against the emulator. The
 * emulator's Get*Effect answers (its own reading of the Administrator Guide) are compared with
 * the library's evaluators in src/policy.
 */
import {
  GetAccessControlEffectCommand,
  GetImpersonationRoleEffectCommand,
  GetMobileDeviceAccessEffectCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { request, run, startEmulator } from './cloudformation';
import { createUser } from './directory';
import {
  AccessControlRuleDefinition,
  AccessEffect,
  evaluateAccessControlRules,
  evaluateImpersonationRules,
  evaluateMobileDeviceAccessRules,
  MobileDeviceAccessRuleDefinition,
} from '../../src/policy';
import { ResourceType } from '../../src/private/constants';
import {
  AccessControlRuleResourceProperties,
  DefaultRuleRemovalResourceProperties,
  ImpersonationRoleResourceProperties,
  MobileDeviceAccessOverrideResourceProperties,
  MobileDeviceAccessRuleResourceProperties,
} from '../../src/private/rule-properties';
import { WorkMailEmulator } from '../emulator';
import { accessRulesOf } from '../emulator/workmail/access-rules';

const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID';
const ALICE = 'alice-0000-0000-0000-000000000001';
const BOB = 'bob-00000-0000-0000-000000000002';

let emulator: WorkMailEmulator;
let client: WorkMailClient;
let org: string;

beforeAll(async () => {
  emulator = await startEmulator();
  client = new WorkMailClient({ region: emulator.region, endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.reset();
  emulator.setCreationSteps(0);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const { PhysicalResourceId } = await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }));
  org = PhysicalResourceId;
});

const rules = () => accessRulesOf(emulator.organization(org));

function lifecycle<P>(type: string) {
  return {
    create: (props: P, extra = {}) => request(type, 'Create', props, extra),
    update: (physicalId: string, oldProps: P, props: P) => request(type, 'Update', props, { PhysicalResourceId: physicalId, OldResourceProperties: oldProps }),
    remove: (physicalId: string, props: P) => request(type, 'Delete', props, { PhysicalResourceId: physicalId }),
  };
}

describe('Custom::WorkMailAccessControlRule', () => {
  const acr = lifecycle<AccessControlRuleResourceProperties>(ResourceType.ACCESS_CONTROL_RULE);
  const imapOutsideOffice = (): AccessControlRuleResourceProperties => ({
    OrganizationId: org,
    Name: 'imap-outside-office',
    Effect: 'DENY',
    Description: 'IMAP only from the office',
    Actions: ['IMAP'],
    NotIpRanges: ['192.0.2.0/24'],
  });

  test('create puts the rule; the service and the evaluator agree on every test request', async () => {
    const { PhysicalResourceId } = await run(acr.create(imapOutsideOffice()));
    expect(PhysicalResourceId).toBe(`${org}|imap-outside-office`);
    expect([...rules().accessControlRules.keys()]).toEqual(['default', 'imap-outside-office']);

    const defined: AccessControlRuleDefinition[] = [
      { name: 'default', effect: 'ALLOW' as AccessEffect },
      { name: 'imap-outside-office', effect: 'DENY' as AccessEffect, actions: ['IMAP'], notIpRanges: ['192.0.2.0/24'] },
    ];
    const requests = [
      { Action: 'IMAP', IpAddress: '192.0.2.10', UserId: ALICE },
      { Action: 'IMAP', IpAddress: '203.0.113.5', UserId: ALICE },
      { Action: 'WebMail', IpAddress: '203.0.113.5', UserId: BOB },
      { Action: 'IMAP', IpAddress: '192.0.3.0', UserId: BOB },
    ];
    for (const r of requests) {
      const service = await client.send(new GetAccessControlEffectCommand({ OrganizationId: org, ...r }));
      const ours = evaluateAccessControlRules(defined, { action: r.Action, ipAddress: r.IpAddress, userId: r.UserId });
      expect({ effect: service.Effect, matchedRules: service.MatchedRules }).toEqual(ours);
    }
  });

  test('sends no empty lists and a whole rule on update (omitted lists are cleared), in place', async () => {
    const { PhysicalResourceId: id } = await run(acr.create(imapOutsideOffice()));
    const changed = { ...imapOutsideOffice(), Effect: 'ALLOW', Actions: undefined, IpRanges: ['10.0.0.0/8'], NotIpRanges: [] };
    const updated = await run(acr.update(id, imapOutsideOffice(), changed));
    expect(updated.PhysicalResourceId).toBe(id);
    expect(emulator.callsTo('PutAccessControlRule')[1].input).toEqual({
      OrganizationId: org,
      Name: 'imap-outside-office',
      Effect: 'ALLOW',
      IpRanges: ['10.0.0.0/8'],
      Description: expect.stringMatching(/^IMAP only from the office \(cdk-workmail [0-9a-f]{12}\)$/),
    });
    expect(rules().accessControlRules.get('imap-outside-office')).toMatchObject({ Effect: 'ALLOW', IpRanges: ['10.0.0.0/8'] });
    expect(rules().accessControlRules.get('imap-outside-office')!.Actions).toBeUndefined();
  });

  test('rename puts the new rule first, then the cleanup Delete removes only the old one', async () => {
    const old = imapOutsideOffice();
    const { PhysicalResourceId: oldId } = await run(acr.create(old));
    const renamed = { ...old, Name: 'imap-office-only' };
    const { PhysicalResourceId: newId } = await run(acr.update(oldId, old, renamed));
    expect(newId).toBe(`${org}|imap-office-only`);
    // Between the update and the cleanup both exist: there is no moment without either.
    expect([...rules().accessControlRules.keys()]).toEqual(['default', 'imap-outside-office', 'imap-office-only']);
    await run(acr.remove(oldId, old));
    expect([...rules().accessControlRules.keys()]).toEqual(['default', 'imap-office-only']);
  });

  test('a Delete leaves a rule another resource took over under the same name (two rules swapping names)', async () => {
    const a = { ...imapOutsideOffice(), Name: 'a' };
    const b = { ...imapOutsideOffice(), Name: 'b', Effect: 'ALLOW', Actions: ['EWS'] };
    const { PhysicalResourceId: aId } = await run(acr.create(a));
    const { PhysicalResourceId: bId } = await run(acr.create(b));
    // One deployment: A becomes "b" and B becomes "a"; then CloudFormation cleans up the old ids.
    await run(acr.update(aId, a, { ...a, Name: 'b' }));
    await run(acr.update(bId, b, { ...b, Name: 'a' }));
    await run(acr.remove(aId, a));
    await run(acr.remove(bId, b));
    expect(rules().accessControlRules.get('a')).toMatchObject({ Effect: 'ALLOW', Actions: ['EWS'] });
    expect(rules().accessControlRules.get('b')).toMatchObject({ Effect: 'DENY', Actions: ['IMAP'] });
    expect(emulator.callsTo('DeleteAccessControlRule')).toHaveLength(0);
  });

  test('an 11th rule (the default counts) fails with an explanation; the rollback succeeds', async () => {
    const created: Array<[string, AccessControlRuleResourceProperties]> = [];
    for (let i = 0; i < 9; i++) {
      const props = { ...imapOutsideOffice(), Name: `rule-${i}` };
      created.push([(await run(acr.create(props))).PhysicalResourceId, props]);
    }
    expect(rules().accessControlRules.size).toBe(10);
    const [id, props] = created[0];
    const renamed = { ...props, Name: 'renamed' };
    await expect(run(acr.update(id, props, renamed))).rejects.toThrow(/already has 10 access control rules \(default, rule-0, .*\), the most WorkMail allows; the built-in "default" rule/);
    // CloudFormation rolls back: the old properties again, against the old physical id.
    const rollback = await run(acr.update(id, renamed, props));
    expect(rollback.PhysicalResourceId).toBe(id);
    expect(rules().accessControlRules.size).toBe(10);
  });

  test('refuses what WorkMail refuses: an unknown impersonation role', async () => {
    await expect(run(acr.create({ ...imapOutsideOffice(), ImpersonationRoleIds: ['no-such-role'] })))
      .rejects.toThrow(/PutAccessControlRule failed with ResourceNotFoundException/);
  });

  test('delete removes the rule; a second delete and a delete after a failed create do nothing', async () => {
    const props = imapOutsideOffice();
    const { PhysicalResourceId: id } = await run(acr.create(props));
    await run(acr.remove(id, props));
    expect(rules().accessControlRules.has('imap-outside-office')).toBe(false);
    await run(acr.remove(id, props));
    const before = emulator.calls.length;
    await run(acr.remove(MISSING_PHYSICAL_ID, props));
    expect(emulator.calls.length).toBe(before);
  });

  test('a rule named "found" (a valid name, and the suffix of a found id) is updated in place and deleted', async () => {
    const props = { ...imapOutsideOffice(), Name: 'found' };
    const { PhysicalResourceId: id } = await run(acr.create(props));
    expect(id).toBe(`${org}|found`);
    expect((await run(acr.update(id, props, { ...props, Effect: 'ALLOW' }))).PhysicalResourceId).toBe(id);
    expect(rules().accessControlRules.get('found')).toMatchObject({ Effect: 'ALLOW' });
    await run(acr.remove(id, { ...props, Effect: 'ALLOW' }));
    expect(rules().accessControlRules.has('found')).toBe(false);
  });

  test('duplicate delivery of a Create writes the same rule again', async () => {
    const event = acr.create(imapOutsideOffice());
    const first = await run(event);
    const again = await run(event);
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(rules().accessControlRules.size).toBe(2);
  });

  test('survives throttling', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'PutAccessControlRule', count: 3 });
    await run(acr.create(imapOutsideOffice()));
    expect(rules().accessControlRules.has('imap-outside-office')).toBe(true);
  });
});

describe('Custom::WorkMailImpersonationRole', () => {
  const role = lifecycle<ImpersonationRoleResourceProperties>(ResourceType.IMPERSONATION_ROLE);
  const archiver = (): ImpersonationRoleResourceProperties => ({
    OrganizationId: org,
    Name: 'Archiver',
    Type: 'READ_ONLY',
    Description: 'Reads mail',
    Rules: [
      { ImpersonationRuleId: 'all', Name: 'Everyone', Effect: 'ALLOW' },
      { ImpersonationRuleId: 'not-alice', Effect: 'DENY', TargetUsers: [ALICE] },
    ],
  });

  test('create with a client token from the request; redelivery makes no second role', async () => {
    const event = role.create(archiver());
    const first = await run(event);
    const again = await run(event);
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(rules().impersonationRoles.size).toBe(1);
    const roleId = first.Data.ImpersonationRoleId;
    expect(first.PhysicalResourceId).toBe(`${org}|${roleId}`);
    const tokens = emulator.callsTo('CreateImpersonationRole').map((call) => call.input.ClientToken);
    expect(tokens[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  test('the service and the evaluator agree on "Test role"', async () => {
    // The Test API resolves its target to a user of the organization: these two must exist.
    const [alice, bob] = [await createUser({ emulator, organizationId: org }, 'alice'), await createUser({ emulator, organizationId: org }, 'bob')];
    const props = { ...archiver(), Rules: archiver().Rules!.map((r) => (r.TargetUsers ? { ...r, TargetUsers: [alice] } : r)) };
    const { Data } = await run(role.create(props));
    const definition = props.Rules.map((r) => ({
      impersonationRuleId: r.ImpersonationRuleId, effect: r.Effect as AccessEffect, targetUsers: r.TargetUsers,
    }));
    for (const target of [alice, bob]) {
      const service = await client.send(new GetImpersonationRoleEffectCommand({
        OrganizationId: org, ImpersonationRoleId: Data.ImpersonationRoleId, TargetUser: target,
      }));
      const ours = evaluateImpersonationRules(definition, target);
      expect({ effect: service.Effect, matchedRules: service.MatchedRules!.map((r) => r.ImpersonationRuleId) }).toEqual(ours);
    }
  });

  test('update in place replaces name, type, description and rules', async () => {
    const { PhysicalResourceId: id, Data } = await run(role.create(archiver()));
    const changed = { ...archiver(), Name: 'Auditor', Type: 'FULL_ACCESS', Description: undefined, Rules: [] };
    const updated = await run(role.update(id, archiver(), changed));
    expect(updated.PhysicalResourceId).toBe(id);
    expect(updated.Data.ImpersonationRoleId).toBe(Data.ImpersonationRoleId);
    expect(rules().impersonationRoles.get(Data.ImpersonationRoleId)).toMatchObject({ Name: 'Auditor', Type: 'FULL_ACCESS', Description: undefined, Rules: [] });
  });

  test('an update WorkMail refuses fails, and its rollback succeeds', async () => {
    const { PhysicalResourceId: id, Data } = await run(role.create(archiver()));
    const bad = { ...archiver(), Type: 'ADMIN' };
    await expect(run(role.update(id, archiver(), bad))).rejects.toThrow(/UpdateImpersonationRole failed with InvalidParameterException/);
    await run(role.update(id, bad, archiver()));
    expect(rules().impersonationRoles.get(Data.ImpersonationRoleId)).toMatchObject({ Type: 'READ_ONLY' });
  });

  test('a role deleted outside CloudFormation makes the update fail with the way forward', async () => {
    const { PhysicalResourceId: id, Data } = await run(role.create(archiver()));
    rules().impersonationRoles.delete(Data.ImpersonationRoleId);
    await expect(run(role.update(id, archiver(), { ...archiver(), Name: 'x' }))).rejects.toThrow(/no longer exists .* Give the ImpersonationRole construct a new id/);
  });

  test('moving to another organization creates a new role there', async () => {
    const { PhysicalResourceId: id } = await run(role.create(archiver()));
    const other = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'other' }))).PhysicalResourceId;
    const moved = await run(role.update(id, archiver(), { ...archiver(), OrganizationId: other }));
    expect(moved.PhysicalResourceId.startsWith(`${other}|`)).toBe(true);
    expect(accessRulesOf(emulator.organization(other)).impersonationRoles.size).toBe(1);
  });

  test('delete; again; after a failed create; and through throttling', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'CreateImpersonationRole', count: 2 });
    const { PhysicalResourceId: id } = await run(role.create(archiver()));
    emulator.injectFault({ kind: 'throttle', operation: 'DeleteImpersonationRole', count: 2 });
    await run(role.remove(id, archiver()));
    expect(rules().impersonationRoles.size).toBe(0);
    await run(role.remove(id, archiver()));
    const before = emulator.calls.length;
    await run(role.remove(MISSING_PHYSICAL_ID, archiver()));
    expect(emulator.calls.length).toBe(before);
  });
});

describe('Custom::WorkMailMobileDeviceAccessRule and Override', () => {
  const mobile = lifecycle<MobileDeviceAccessRuleResourceProperties>(ResourceType.MOBILE_DEVICE_ACCESS_RULE);
  const override = lifecycle<MobileDeviceAccessOverrideResourceProperties>(ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE);
  const blockAndroid = (): MobileDeviceAccessRuleResourceProperties => ({
    OrganizationId: org, Name: 'BlockAllAndroid', Effect: 'DENY', DeviceTypes: ['android'],
  });

  test('create (idempotent), update in place, and the service agrees with the evaluator', async () => {
    const event = mobile.create(blockAndroid());
    const { PhysicalResourceId: id, Data } = await run(event);
    await run(event);
    expect(rules().mobileDeviceAccessRules.size).toBe(2);
    const changed = { ...blockAndroid(), Name: 'BlockOldIos', DeviceTypes: undefined, DeviceOperatingSystems: ['iOS 14'], NotDeviceUserAgents: ['Outlook'] };
    const updated = await run(mobile.update(id, blockAndroid(), changed));
    expect(updated.PhysicalResourceId).toBe(id);
    expect(rules().mobileDeviceAccessRules.get(Data.MobileDeviceAccessRuleId)).toMatchObject({ Name: 'BlockOldIos', DeviceOperatingSystems: ['iOS 14'] });
    expect(rules().mobileDeviceAccessRules.get(Data.MobileDeviceAccessRuleId)!.DeviceTypes).toBeUndefined();

    const defined: MobileDeviceAccessRuleDefinition[] = [
      { name: 'DefaultAllowAll', effect: 'ALLOW' as AccessEffect },
      { name: 'BlockOldIos', effect: 'DENY' as AccessEffect, deviceOperatingSystems: ['iOS 14'], notDeviceUserAgents: ['Outlook'] },
    ];
    const devices = [
      { DeviceType: 'iPhone', DeviceOperatingSystem: 'iOS 14.2.1', DeviceUserAgent: 'iOS/14.2 exchangesyncd' },
      { DeviceType: 'iPhone', DeviceOperatingSystem: 'ios 14.8', DeviceUserAgent: 'Outlook-iOS/2.0' },
      { DeviceType: 'iPhone', DeviceOperatingSystem: 'iOS 17.1' },
      { DeviceOperatingSystem: 'iOS 14.0' },
    ];
    for (const d of devices) {
      const service = await client.send(new GetMobileDeviceAccessEffectCommand({ OrganizationId: org, ...d }));
      const ours = evaluateMobileDeviceAccessRules(defined, [], {
        deviceType: d.DeviceType, deviceOperatingSystem: d.DeviceOperatingSystem, deviceUserAgent: d.DeviceUserAgent,
      });
      const answer = { effect: service.Effect, matchedRules: service.MatchedRules!.map((r) => r.Name) };
      expect(answer).toEqual({ effect: ours.effect, matchedRules: ours.matchedRules });
    }
  });

  test('a rule deleted outside CloudFormation makes the update fail with the way forward', async () => {
    const { PhysicalResourceId: id, Data } = await run(mobile.create(blockAndroid()));
    rules().mobileDeviceAccessRules.delete(Data.MobileDeviceAccessRuleId);
    await expect(run(mobile.update(id, blockAndroid(), { ...blockAndroid(), Effect: 'ALLOW' }))).rejects.toThrow(/no longer exists .* new id/);
  });

  test('an 11th rule (the built-in allow-all rule counts) fails with an explanation', async () => {
    for (let i = 0; i < 9; i++) {
      await run(mobile.create({ ...blockAndroid(), Name: `rule ${i}` }));
    }
    await expect(run(mobile.create(blockAndroid()))).rejects.toThrow(/already has 10 mobile device access rules/);
    expect(emulator.callsTo('CreateMobileDeviceAccessRule')).toHaveLength(9);
  });

  test('a redelivered Create whose rule was the tenth goes through: its token returns that rule', async () => {
    for (let i = 0; i < 8; i++) {
      await run(mobile.create({ ...blockAndroid(), Name: `rule ${i}` }));
    }
    const event = mobile.create(blockAndroid());
    const first = await run(event);
    const again = await run(event);
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(rules().mobileDeviceAccessRules.size).toBe(10);
  });

  test('delete; again; after a failed create; through throttling', async () => {
    const { PhysicalResourceId: id } = await run(mobile.create(blockAndroid()));
    emulator.injectFault({ kind: 'throttle', operation: 'DeleteMobileDeviceAccessRule', count: 2 });
    await run(mobile.remove(id, blockAndroid()));
    expect(rules().mobileDeviceAccessRules.size).toBe(1);
    await run(mobile.remove(id, blockAndroid()));
    const before = emulator.calls.length;
    await run(mobile.remove(MISSING_PHYSICAL_ID, blockAndroid()));
    expect(emulator.calls.length).toBe(before);
  });

  test('an override of the device "found" (the suffix of a found id) is deleted', async () => {
    const props = { OrganizationId: org, UserId: ALICE, DeviceId: 'found', Effect: 'DENY', Description: 'lost phone' };
    const { PhysicalResourceId: id } = await run(override.create(props));
    expect(id).toBe(`${org}|${ALICE}|found`);
    await run(override.remove(id, props));
    expect([...rules().overrides.values()]).toEqual([]);
  });

  test('overrides: put, case-only device change keeps the physical id, delete, delete again', async () => {
    const props = { OrganizationId: org, UserId: ALICE, DeviceId: 'PHONE1', Effect: 'ALLOW', Description: 'MDM compliant' };
    const { PhysicalResourceId: id } = await run(override.create(props));
    expect(id).toBe(`${org}|${ALICE}|phone1`);
    const updated = await run(override.update(id, props, { ...props, DeviceId: 'phone1', Effect: 'DENY' }));
    expect(updated.PhysicalResourceId).toBe(id);
    expect([...rules().overrides.values()]).toMatchObject([{ Effect: 'DENY' }]);
    const moved = await run(override.update(id, props, { ...props, UserId: BOB }));
    expect(moved.PhysicalResourceId).toBe(`${org}|${BOB}|phone1`);
    // CloudFormation deletes the replaced override with the properties it last had.
    await run(override.remove(id, { ...props, DeviceId: 'phone1', Effect: 'DENY' }));
    expect([...rules().overrides.values()]).toMatchObject([{ UserId: BOB }]);
    await run(override.remove(id, props));
    const before = emulator.calls.length;
    await run(override.remove(MISSING_PHYSICAL_ID, props));
    expect(emulator.calls.length).toBe(before);
  });
});

describe('Custom::WorkMailDefaultRuleRemoval', () => {
  const removal = lifecycle<DefaultRuleRemovalResourceProperties>(ResourceType.DEFAULT_RULE_REMOVAL);

  test('removes the default access control rule, and puts it back on delete', async () => {
    await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Create', { OrganizationId: org, Name: 'office', Effect: 'ALLOW', Description: 'office', IpRanges: ['192.0.2.0/24'] }));
    const props = { OrganizationId: org, Kind: 'AccessControlRule', StackRules: [`${org}|office`] };
    const { PhysicalResourceId: id } = await run(removal.create(props));
    expect([...rules().accessControlRules.keys()]).toEqual(['office']);
    const service = await client.send(new GetAccessControlEffectCommand({ OrganizationId: org, Action: 'IMAP', IpAddress: '203.0.113.1', UserId: ALICE }));
    expect(service.Effect).toBe('DENY');
    await run(removal.update(id, props, { ...props, StackRules: [] }));
    expect(rules().accessControlRules.has('default')).toBe(false);
    await run(removal.remove(id, props));
    expect(rules().accessControlRules.get('default')).toMatchObject({ Effect: 'ALLOW', Description: 'Default WorkMail Rule' });
  });

  test('removes only the built-in allow-all mobile rule, not the stack\'s own, and restores exactly it on delete', async () => {
    const builtIn = [...rules().mobileDeviceAccessRules.values()][0];
    const own = await run(request(ResourceType.MOBILE_DEVICE_ACCESS_RULE, 'Create', { OrganizationId: org, Name: 'allow-all-mine', Effect: 'ALLOW' }));
    const deny = await run(request(ResourceType.MOBILE_DEVICE_ACCESS_RULE, 'Create', { OrganizationId: org, Name: 'DefaultDenyAll', Effect: 'DENY' }));
    const props = { OrganizationId: org, Kind: 'MobileDeviceAccessRule', StackRules: [own.PhysicalResourceId, deny.PhysicalResourceId] };
    const { PhysicalResourceId: id } = await run(removal.create(props));
    expect([...rules().mobileDeviceAccessRules.values()].map((r) => r.Name)).toEqual(['allow-all-mine', 'DefaultDenyAll']);
    await run(removal.remove(id, props));
    expect([...rules().mobileDeviceAccessRules.values()].map((r) => [r.Name, r.Effect, r.Description])).toEqual([
      ['allow-all-mine', 'ALLOW', undefined],
      ['DefaultDenyAll', 'DENY', undefined],
      [builtIn.Name, 'ALLOW', undefined],
    ]);
  });

  test('refuses an unknown kind; a delete after a failed create does nothing', async () => {
    await expect(run(removal.create({ OrganizationId: org, Kind: 'Other' }))).rejects.toThrow(/Kind must be one of/);
    const before = emulator.calls.length;
    await run(removal.remove(MISSING_PHYSICAL_ID, { OrganizationId: org, Kind: 'AccessControlRule' }));
    expect(emulator.calls.length).toBe(before);
  });
});
