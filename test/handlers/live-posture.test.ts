/**
 * The console's Test buttons answered twice: live by the emulator (its own reading of the
 * Administrator Guide, test/emulator/workmail/access-rules.ts) and offline by `src/policy`, on
 * the same rules. Every case states the answer the guide gives, and both must give it.
 */
import {
  CreateGroupCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  GetAccessControlEffectCommand,
  GetImpersonationRoleEffectCommand,
  GetMobileDeviceAccessEffectCommand,
  PutAccessControlRuleCommand,
  PutAccessControlRuleCommandInput,
  CreateMobileDeviceAccessRuleCommandInput,
  ImpersonationRule,
} from '@aws-sdk/client-workmail';
import { withActiveOrganization } from './active-organization';
import { createDeletedUser, createUser, workMail } from './directory';
import {
  AccessControlRuleDefinition,
  AccessEffect,
  evaluateAccessControlRules,
  evaluateImpersonationRules,
  evaluateMobileDeviceAccessRules,
  ImpersonationRuleDefinition,
  MobileDeviceAccessRuleDefinition,
} from '../../src/policy';
import { DEFAULT_MOBILE_RULE_NAME } from '../emulator/workmail/access-rules';

const mail = withActiveOrganization();
const { ALLOW, DENY } = AccessEffect;

/** Who the cases name; ids are known once the users exist. */
const ids: Record<string, string> = {};
const users = ['alice', 'bob', 'carol', 'ceo'];
const OTHER_PROTOCOLS = ['AutoDiscover', 'EWS', 'IMAP', 'SMTP', 'WebMail', 'WindowsOutlook'];

type AccessRule = Omit<PutAccessControlRuleCommandInput, 'OrganizationId' | 'Description'>;
type MobileRule = Omit<CreateMobileDeviceAccessRuleCommandInput, 'OrganizationId'>;
type Role = { readonly name: string; readonly rules: ImpersonationRule[] };

/** The org's `default` rule (allow all) stays; these come after it. `ROLE` stands for the helpdesk role's id. */
const accessRules = (role: string): AccessRule[] => [
  { Name: 'deny-imap-outside', Effect: DENY, Actions: ['IMAP'], NotIpRanges: ['10.0.0.0/8'] },
  { Name: 'deny-bob-smtp', Effect: DENY, Actions: ['SMTP'], UserIds: [ids.bob] },
  { Name: 'allow-office-ews', Effect: ALLOW, Actions: ['EWS'], IpRanges: ['192.168.1.0/24'] },
  { Name: 'deny-webmail-but-alice', Effect: DENY, Actions: ['WebMail'], NotUserIds: [ids.alice] },
  { Name: 'deny-role-outside', Effect: DENY, ImpersonationRoleIds: [role], NotIpRanges: ['172.16.0.0/12'] },
  { Name: 'deny-activesync-range', Effect: DENY, NotActions: OTHER_PROTOCOLS, IpRanges: ['203.0.113.0/24'] },
];

/** The org's allow-all mobile rule stays; these come after it. */
const mobileRules: MobileRule[] = [
  { Name: 'deny-android-old', Effect: DENY, DeviceOperatingSystems: ['Android 9', 'Android 8'] },
  { Name: 'deny-unreported-type', Effect: DENY, DeviceTypes: ['$NONE'] },
  { Name: 'deny-phones-but-iphone', Effect: DENY, DeviceTypes: ['phone'], NotDeviceModels: ['iPhone'] },
  { Name: 'allow-outlook', Effect: ALLOW, DeviceUserAgents: ['Outlook-iOS'] },
];

const roles = (): Role[] => [
  {
    name: 'helpdesk',
    rules: [
      { ImpersonationRuleId: 'everyone', Effect: ALLOW },
      { ImpersonationRuleId: 'not-ceo', Effect: DENY, TargetUsers: [ids.ceo] },
      { ImpersonationRuleId: 'team-only', Effect: DENY, NotTargetUsers: [ids.alice, ids.bob, ids.ceo] },
    ],
  },
  { name: 'nobody', rules: [] },
  { name: 'alice-only', rules: [{ ImpersonationRuleId: 'alice', Effect: ALLOW, TargetUsers: [ids.alice] }] },
  {
    // Rule entries, like TargetUser, may name users by user name or address rather than id.
    name: 'named-targets',
    rules: [
      { ImpersonationRuleId: 'bob-by-name', Effect: ALLOW, TargetUsers: ['bob'] },
      { ImpersonationRuleId: 'ceo-by-address', Effect: DENY, TargetUsers: ['CEO@corp.awsapps.com'] },
      { ImpersonationRuleId: 'mixed', Effect: ALLOW, TargetUsers: [ids.alice, 'carol'] },
    ],
  },
];

interface AccessCase { by: string; protocol: string; ip: string; effect: AccessEffect; matched: string[]; why: string }
const D = 'default';
const accessCases: AccessCase[] = [
  { by: 'alice', protocol: 'IMAP', ip: '10.1.2.3', effect: ALLOW, matched: [D], why: 'inside the NotIpRanges: the IMAP deny does not apply' },
  { by: 'alice', protocol: 'IMAP', ip: '8.8.8.8', effect: DENY, matched: ['deny-imap-outside'], why: 'DENY rules take precedence' },
  { by: 'bob', protocol: 'IMAP', ip: '10.255.255.255', effect: ALLOW, matched: [D], why: 'last address of 10.0.0.0/8' },
  { by: 'bob', protocol: 'IMAP', ip: '11.0.0.0', effect: DENY, matched: ['deny-imap-outside'], why: 'first address after the range' },
  { by: 'bob', protocol: 'SMTP', ip: '10.0.0.1', effect: DENY, matched: ['deny-bob-smtp'], why: 'a user condition' },
  { by: 'alice', protocol: 'SMTP', ip: '10.0.0.1', effect: ALLOW, matched: [D], why: 'another user' },
  { by: 'bob', protocol: 'SMTP', ip: '8.8.8.8', effect: DENY, matched: ['deny-bob-smtp'], why: 'the IMAP rule is for IMAP only' },
  { by: 'bob', protocol: 'EWS', ip: '192.168.1.20', effect: ALLOW, matched: [D, 'allow-office-ews'], why: 'every matching ALLOW rule is reported' },
  { by: 'bob', protocol: 'EWS', ip: '192.168.2.20', effect: ALLOW, matched: [D], why: 'outside the office range' },
  { by: 'bob', protocol: 'WebMail', ip: '1.2.3.4', effect: DENY, matched: ['deny-webmail-but-alice'], why: 'NotUserIds: everyone else' },
  { by: 'alice', protocol: 'WebMail', ip: '1.2.3.4', effect: ALLOW, matched: [D], why: 'the excepted user' },
  { by: 'carol', protocol: 'ActiveSync', ip: '203.0.113.9', effect: DENY, matched: ['deny-activesync-range'], why: 'NotActions leaves ActiveSync' },
  { by: 'carol', protocol: 'ActiveSync', ip: '198.51.100.1', effect: ALLOW, matched: [D], why: 'outside the range' },
  { by: 'carol', protocol: 'IMAP', ip: '203.0.113.9', effect: DENY, matched: ['deny-imap-outside'], why: 'IMAP is among the NotActions' },
  { by: 'alice', protocol: 'AutoDiscover', ip: '8.8.8.8', effect: ALLOW, matched: [D], why: 'no rule but the default' },
  { by: 'ROLE', protocol: 'EWS', ip: '172.16.5.5', effect: ALLOW, matched: [D], why: 'the role inside its allowed range' },
  { by: 'ROLE', protocol: 'EWS', ip: '8.8.4.4', effect: DENY, matched: ['deny-role-outside'], why: 'the role outside its range' },
  { by: 'ROLE', protocol: 'EWS', ip: '192.168.1.5', effect: DENY, matched: ['deny-role-outside'], why: 'DENY beats the office ALLOW' },
];

interface MobileCase { device: Record<string, string>; effect: AccessEffect; matched: string[]; why: string }
const M = DEFAULT_MOBILE_RULE_NAME;
const mobileCases: MobileCase[] = [
  { device: { DeviceType: 'iPhone', DeviceModel: 'iPhone14', DeviceOperatingSystem: 'iOS 17' }, effect: ALLOW, matched: [M], why: 'only the allow-all rule' },
  { device: { DeviceType: 'Android', DeviceOperatingSystem: 'Android 9.0.1' }, effect: DENY, matched: ['deny-android-old'], why: 'prefix match' },
  { device: { DeviceType: 'x', DeviceOperatingSystem: 'android 8' }, effect: DENY, matched: ['deny-android-old'], why: 'case-insensitive' },
  { device: { DeviceOperatingSystem: 'iOS' }, effect: DENY, matched: ['deny-unreported-type'], why: '$NONE matches an unreported type' },
  { device: { DeviceType: 'Phone', DeviceModel: 'Pixel 7' }, effect: DENY, matched: ['deny-phones-but-iphone'], why: 'a model outside NotDeviceModels' },
  { device: { DeviceType: 'Phone', DeviceModel: 'iPhone 15' }, effect: ALLOW, matched: [M], why: 'the excepted model' },
  { device: { DeviceType: 'Phone' }, effect: ALLOW, matched: [M], why: 'a Not condition never matches an unreported field' },
  { device: { DeviceType: 'Tablet', DeviceUserAgent: 'Outlook-iOS/2.0' }, effect: ALLOW, matched: [M, 'allow-outlook'], why: 'every matching ALLOW rule' },
  { device: { DeviceType: 'Tablet', DeviceOperatingSystem: 'Android 10' }, effect: ALLOW, matched: [M], why: 'Android 10 starts with neither value' },
  { device: {}, effect: DENY, matched: ['deny-unreported-type'], why: 'a device that reports nothing' },
];

/** `as`: how the live request names the target (TargetUser takes an id, an address or a user name). */
interface ImpersonationCase { role: string; target: string; as?: 'address' | 'name'; effect: AccessEffect; matched: string[]; why: string }
const impersonationCases: ImpersonationCase[] = [
  { role: 'helpdesk', target: 'alice', effect: ALLOW, matched: ['everyone'], why: 'a rule without conditions allows all' },
  { role: 'helpdesk', target: 'bob', effect: ALLOW, matched: ['everyone'], why: 'in the team' },
  { role: 'helpdesk', target: 'ceo', effect: DENY, matched: ['not-ceo'], why: 'DENY takes precedence' },
  { role: 'helpdesk', target: 'carol', effect: DENY, matched: ['team-only'], why: 'NotTargetUsers: everyone else' },
  { role: 'nobody', target: 'alice', effect: DENY, matched: [], why: 'no rule applies: denied' },
  { role: 'alice-only', target: 'alice', effect: ALLOW, matched: ['alice'], why: 'the target' },
  { role: 'alice-only', target: 'bob', effect: DENY, matched: [], why: 'not the target' },
  { role: 'helpdesk', target: 'ceo', as: 'address', effect: DENY, matched: ['not-ceo'], why: 'the target named by address' },
  { role: 'helpdesk', target: 'carol', as: 'name', effect: DENY, matched: ['team-only'], why: 'the target named by user name' },
  { role: 'alice-only', target: 'alice', as: 'address', effect: ALLOW, matched: ['alice'], why: 'an address and an id name the same user' },
  { role: 'named-targets', target: 'bob', effect: ALLOW, matched: ['bob-by-name'], why: 'a rule naming the user by user name' },
  { role: 'named-targets', target: 'ceo', as: 'name', effect: DENY, matched: ['ceo-by-address'], why: 'a rule naming the user by address, in another case' },
  { role: 'named-targets', target: 'carol', as: 'address', effect: ALLOW, matched: ['mixed'], why: 'names on both sides' },
  { role: 'named-targets', target: 'alice', as: 'name', effect: ALLOW, matched: ['mixed'], why: 'an id in the rule, a name in the request' },
];

/** Each user's address: the users are registered on the organization's test domain. */
const address = (user: string) => `${user}@corp.awsapps.com`;

/** A rule entry as a user id, as the command line resolves them before evaluating offline. */
const idOf = (entry: string) => ids[users.find((user) => entry.toLowerCase() === user || entry.toLowerCase() === address(user)) ?? ''] ?? entry;

const roleIds: Record<string, string> = {};
let offlineAccess: AccessControlRuleDefinition[];
let offlineMobile: MobileDeviceAccessRuleDefinition[];
const offlineRoles: Record<string, ImpersonationRuleDefinition[]> = {};

beforeEach(async () => {
  const client = workMail();
  const org = { OrganizationId: mail.organizationId };
  for (const user of users) {
    ids[user] = await createUser(mail, user, address(user));
  }
  for (const role of roles()) {
    const created = await client.send(new CreateImpersonationRoleCommand({ ...org, Name: role.name, Type: 'FULL_ACCESS', Rules: role.rules }));
    roleIds[role.name] = created.ImpersonationRoleId!;
    offlineRoles[role.name] = role.rules.map((rule) => ({
      impersonationRuleId: rule.ImpersonationRuleId!,
      effect: rule.Effect as AccessEffect,
      targetUsers: rule.TargetUsers?.map(idOf),
      notTargetUsers: rule.NotTargetUsers?.map(idOf),
    }));
  }
  const rules = accessRules(roleIds.helpdesk);
  for (const rule of rules) {
    await client.send(new PutAccessControlRuleCommand({ ...org, ...rule, Description: rule.Name }));
  }
  offlineAccess = [{ name: 'default', effect: ALLOW }, ...rules.map((rule) => ({
    name: rule.Name!,
    effect: rule.Effect as AccessEffect,
    actions: rule.Actions,
    notActions: rule.NotActions,
    ipRanges: rule.IpRanges,
    notIpRanges: rule.NotIpRanges,
    userIds: rule.UserIds,
    notUserIds: rule.NotUserIds,
    impersonationRoleIds: rule.ImpersonationRoleIds,
    notImpersonationRoleIds: rule.NotImpersonationRoleIds,
  }))];
  for (const rule of mobileRules) {
    await client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, ...rule }));
  }
  offlineMobile = [{ name: DEFAULT_MOBILE_RULE_NAME, effect: ALLOW }, ...mobileRules.map((rule) => ({
    name: rule.Name!,
    effect: rule.Effect as AccessEffect,
    deviceTypes: rule.DeviceTypes,
    notDeviceTypes: rule.NotDeviceTypes,
    deviceModels: rule.DeviceModels,
    notDeviceModels: rule.NotDeviceModels,
    deviceOperatingSystems: rule.DeviceOperatingSystems,
    notDeviceOperatingSystems: rule.NotDeviceOperatingSystems,
    deviceUserAgents: rule.DeviceUserAgents,
    notDeviceUserAgents: rule.NotDeviceUserAgents,
  }))];
});

test('the table has at least 30 cases', () => {
  expect(accessCases.length + mobileCases.length + impersonationCases.length).toBeGreaterThanOrEqual(30);
});

test.each(accessCases)('access: $by $protocol from $ip is $effect ($why)', async ({ by, protocol, ip, effect, matched }) => {
  const who = by === 'ROLE' ? { ImpersonationRoleId: roleIds.helpdesk } : { UserId: ids[by] };
  const live = await workMail().send(new GetAccessControlEffectCommand({
    OrganizationId: mail.organizationId, IpAddress: ip, Action: protocol, ...who,
  }));
  const offline = evaluateAccessControlRules(offlineAccess, {
    action: protocol, ipAddress: ip, userId: who.UserId, impersonationRoleId: who.ImpersonationRoleId,
  });
  expect({ effect: live.Effect, matched: [...live.MatchedRules!].sort() }).toEqual({ effect, matched: [...matched].sort() });
  expect({ effect: offline.effect, matched: [...offline.matchedRules].sort() }).toEqual({ effect, matched: [...matched].sort() });
});

test.each(mobileCases)('mobile: $device is $effect ($why)', async ({ device, effect, matched }) => {
  const live = await workMail().send(new GetMobileDeviceAccessEffectCommand({ OrganizationId: mail.organizationId, ...device }));
  const offline = evaluateMobileDeviceAccessRules(offlineMobile, [], {
    deviceType: device.DeviceType,
    deviceModel: device.DeviceModel,
    deviceOperatingSystem: device.DeviceOperatingSystem,
    deviceUserAgent: device.DeviceUserAgent,
  });
  expect({ effect: live.Effect, matched: live.MatchedRules!.map((rule) => rule.Name).sort() }).toEqual({ effect, matched: [...matched].sort() });
  expect({ effect: offline.effect, matched: [...offline.matchedRules].sort() }).toEqual({ effect, matched: [...matched].sort() });
});

test.each(impersonationCases)('impersonation: $role on $target is $effect ($why)', async ({ role, target, as, effect, matched }) => {
  const targetUser = as === 'address' ? address(target) : as === 'name' ? target : ids[target];
  const live = await workMail().send(new GetImpersonationRoleEffectCommand({
    OrganizationId: mail.organizationId, ImpersonationRoleId: roleIds[role], TargetUser: targetUser,
  }));
  const offline = evaluateImpersonationRules(offlineRoles[role], ids[target]);
  const liveRules = live.MatchedRules!.map((rule) => rule.ImpersonationRuleId!);
  expect({ effect: live.Effect, matched: liveRules.sort() }).toEqual({ effect, matched: [...matched].sort() });
  expect({ effect: offline.effect, matched: [...offline.matchedRules].sort() }).toEqual({ effect, matched: [...matched].sort() });
});

test.each([
  ['a name no user has', 'nobody', 'EntityNotFoundException'],
  ['a group', 'staff', 'EntityNotFoundException'],
  ['a deleted user', 'gone', 'EntityStateException'],
])('impersonation of %s is refused as WorkMail refuses it', async (_, target, error) => {
  await workMail().send(new CreateGroupCommand({ OrganizationId: mail.organizationId, Name: 'staff' }));
  const gone = await createDeletedUser(mail, 'gone');
  await expect(workMail().send(new GetImpersonationRoleEffectCommand({
    OrganizationId: mail.organizationId, ImpersonationRoleId: roleIds.helpdesk, TargetUser: target === 'gone' ? gone : target,
  }))).rejects.toMatchObject({ name: error });
});
