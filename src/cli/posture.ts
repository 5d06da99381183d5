/**
 * `cdk-workmail test`: the console's Test buttons against the live organization
 * (GetAccessControlEffect, GetMobileDeviceAccessEffect, GetImpersonationRoleEffect,
 * TestAvailabilityConfiguration). With `--app <cdk.out>`, the same question is also answered
 * offline by `src/policy` from the rules the app synthesized, and every disagreement is reported:
 * a rule made outside the app (drift), a rule the app has not deployed yet, or an evaluator bug.
 */
import {
  DescribeOrganizationCommand,
  GetAccessControlEffectCommand,
  GetImpersonationRoleCommand,
  GetImpersonationRoleEffectCommand,
  GetMobileDeviceAccessEffectCommand,
  paginateListImpersonationRoles,
  TestAvailabilityConfigurationCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { CommandGroup, option, OptionValue, UsageError } from './args';
import { DEFAULT_MOBILE_RULE, readAssembly, Resolver, SynthesizedRules, synthesizedRules } from './assembly';
import { describeUser } from './read';
import { listAll } from '../handlers/shared/paginate';
import { evaluateAccessControlRules, evaluateImpersonationRules, evaluateMobileDeviceAccessRules } from '../policy';

/** The live and the offline answers differ, or an availability test failed. */
export const DISAGREEMENT = 2;

/** One answer: the effect and the rules that produced it. */
export interface Answer {
  readonly effect: string;
  readonly matchedRules: readonly string[];
}

type Out = (text: string) => void;

type Options = Readonly<Record<string, OptionValue>>;

const APP_OPTION = {
  app: { type: 'string', valueName: '<cdk.out>', description: 'also answer offline from the rules this cloud assembly synthesized for the organization' },
} as const;
/** What `--app` reads of the live organization to resolve the assembly's references (users too: DescribeUser). */
const RESOLVER_PERMISSIONS = 'workmail:ListImpersonationRoles and workmail:DescribeOrganization (with --app)';
const DISAGREEMENT_CODE = `${DISAGREEMENT} the live and the offline answers differ`;

export const testCommands: CommandGroup = {
  summary: 'access|mobile|impersonation|availability: WorkMail\'s live answer, and with --app the offline one',
  noun: 'test',
  commands: {
    access: {
      summary: 'whether access control allows a request (GetAccessControlEffect)',
      options: {
        'user': { type: 'string', valueName: '<name|id|email>', description: 'the user making the request (or --impersonation-role)' },
        'impersonation-role': { type: 'string', valueName: '<id>', description: 'the impersonation role making the request (or --user)' },
        'ip': { type: 'string', valueName: '<address>', description: 'the IPv4 address the request comes from (required)' },
        'protocol': { type: 'string', valueName: '<action>', description: 'the protocol: ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook or WebMail (required)' },
        ...APP_OPTION,
      },
      exitCodes: [DISAGREEMENT_CODE],
      permissions: ['workmail:GetAccessControlEffect', 'workmail:DescribeUser (with --user or --app)', RESOLVER_PERMISSIONS],
      run: ({ client, organizationId, options, out }) => testAccess(client, organizationId, options, out),
    },
    mobile: {
      summary: 'whether mobile device access allows a device (GetMobileDeviceAccessEffect)',
      options: {
        'device-type': { type: 'string', valueName: '<type>', description: 'the device type, e.g. iPhone' },
        'device-model': { type: 'string', valueName: '<model>', description: 'the device model' },
        'device-os': { type: 'string', valueName: '<os>', description: 'the device\'s operating system, e.g. "iOS 17.4"' },
        'device-user-agent': { type: 'string', valueName: '<agent>', description: 'the device\'s user agent' },
        ...APP_OPTION,
      },
      exitCodes: [DISAGREEMENT_CODE],
      permissions: ['workmail:GetMobileDeviceAccessEffect', 'workmail:DescribeUser (with --app)', RESOLVER_PERMISSIONS],
      run: ({ client, organizationId, options, out }) => testMobile(client, organizationId, options, out),
    },
    impersonation: {
      summary: 'whether an impersonation role may impersonate a user (GetImpersonationRoleEffect)',
      options: {
        role: { type: 'string', valueName: '<id>', description: 'the impersonation role (required)' },
        target: { type: 'string', valueName: '<name|id|email>', description: 'the user to impersonate (required)' },
        ...APP_OPTION,
      },
      exitCodes: [DISAGREEMENT_CODE],
      permissions: ['workmail:GetImpersonationRoleEffect', 'workmail:DescribeUser', 'workmail:GetImpersonationRole (with --app)', RESOLVER_PERMISSIONS],
      run: ({ client, organizationId, options, out }) => testImpersonation(client, organizationId, options, out),
    },
    availability: {
      summary: 'tests an availability configuration (TestAvailabilityConfiguration)',
      options: { domain: { type: 'string', valueName: '<domain>', description: 'the domain of the availability configuration (required)' } },
      exitCodes: [`${DISAGREEMENT} the test failed`],
      permissions: ['workmail:TestAvailabilityConfiguration'],
      run: ({ client, organizationId, options, out }) => testAvailability(client, organizationId, options, out),
    },
  },
};

async function testAccess(client: WorkMailClient, organizationId: string, values: Options, out: Out): Promise<number> {
  const user = option(values, 'user');
  const roleId = option(values, 'impersonation-role');
  if ((user === undefined) === (roleId === undefined)) {
    throw new UsageError('a request is made by a user or by an impersonation role: give --user <name|id|email> or --impersonation-role <id>');
  }
  const request = {
    ipAddress: option(values, 'ip', true),
    action: option(values, 'protocol', true),
    userId: user === undefined ? undefined : (await describeUser(client, organizationId, user)).id,
    impersonationRoleId: roleId,
  };
  const live = await client.send(new GetAccessControlEffectCommand({
    OrganizationId: organizationId, IpAddress: request.ipAddress, Action: request.action, UserId: request.userId, ImpersonationRoleId: roleId,
  }));
  return report(out, { effect: live.Effect!, matchedRules: live.MatchedRules ?? [] }, await offline(client, organizationId, option(values, 'app'), (rules) => {
    const verdict = evaluateAccessControlRules(rules.accessControlRules, request);
    return { answer: verdict, names: rules.accessControlRules.map((rule) => rule.name) };
  }));
}

async function testMobile(client: WorkMailClient, organizationId: string, values: Options, out: Out): Promise<number> {
  const device = {
    deviceType: option(values, 'device-type'),
    deviceModel: option(values, 'device-model'),
    deviceOperatingSystem: option(values, 'device-os'),
    deviceUserAgent: option(values, 'device-user-agent'),
  };
  const live = await client.send(new GetMobileDeviceAccessEffectCommand({
    OrganizationId: organizationId,
    DeviceType: device.deviceType,
    DeviceModel: device.deviceModel,
    DeviceOperatingSystem: device.deviceOperatingSystem,
    DeviceUserAgent: device.deviceUserAgent,
  }));
  const liveAnswer = { effect: live.Effect!, matchedRules: (live.MatchedRules ?? []).map((rule) => rule.Name!) };
  return report(out, liveAnswer, await offline(client, organizationId, option(values, 'app'), (rules) => ({
    answer: evaluateMobileDeviceAccessRules(rules.mobileDeviceAccessRules, [], device),
    names: rules.mobileDeviceAccessRules.map((rule) => rule.name),
    builtInDefault: rules.defaultMobileRule ? DEFAULT_MOBILE_RULE : undefined,
  })));
}

async function testImpersonation(client: WorkMailClient, organizationId: string, values: Options, out: Out): Promise<number> {
  const roleId = option(values, 'role', true);
  // Target users may be named by id, user name or address: both sides are asked with user ids.
  const idOf = async (user: string) => (await describeUser(client, organizationId, user).catch(() => undefined))?.id ?? user;
  const targetId = await idOf(option(values, 'target', true));
  const live = await client.send(new GetImpersonationRoleEffectCommand({
    OrganizationId: organizationId, ImpersonationRoleId: roleId, TargetUser: targetId,
  }));
  const liveAnswer = { effect: live.Effect!, matchedRules: (live.MatchedRules ?? []).map((rule) => rule.ImpersonationRuleId!) };
  const app = option(values, 'app');
  if (app === undefined) {
    return report(out, liveAnswer, undefined);
  }
  const { Name: roleName } = await client.send(new GetImpersonationRoleCommand({ OrganizationId: organizationId, ImpersonationRoleId: roleId }));
  return report(out, liveAnswer, await offline(client, organizationId, app, async (rules) => {
    const role = rules.impersonationRoles.find((candidate) => candidate.name === roleName);
    if (role === undefined) {
      return { missing: `impersonation role ${roleName} (${roleId}) is not in the app` };
    }
    const normalized = await Promise.all(role.rules.map(async (rule) => ({
      ...rule,
      targetUsers: rule.targetUsers && await Promise.all(rule.targetUsers.map(idOf)),
      notTargetUsers: rule.notTargetUsers && await Promise.all(rule.notTargetUsers.map(idOf)),
    })));
    return { answer: evaluateImpersonationRules(normalized, targetId), names: role.rules.map((rule) => rule.impersonationRuleId) };
  }));
}

async function testAvailability(client: WorkMailClient, organizationId: string, values: Options, out: Out): Promise<number> {
  const domain = option(values, 'domain', true);
  const result = await client.send(new TestAvailabilityConfigurationCommand({ OrganizationId: organizationId, DomainName: domain }));
  out(result.TestPassed ? `availability of ${domain}: test passed\n` : `availability of ${domain}: test failed: ${result.FailureReason ?? 'no reason given'}\n`);
  return result.TestPassed ? 0 : DISAGREEMENT;
}

/** What the offline evaluation of one question yields. */
type OfflineResult =
  | { readonly answer: Answer; readonly names: readonly string[]; readonly builtInDefault?: string; readonly unresolved?: readonly string[] }
  | { readonly missing: string };

/** Reads the app's rules for the organization and evaluates; undefined without `--app`. */
async function offline(
  client: WorkMailClient,
  organizationId: string,
  app: string | undefined,
  evaluate: (rules: SynthesizedRules) => OfflineResult | Promise<OfflineResult>,
): Promise<OfflineResult | undefined> {
  if (app === undefined) {
    return undefined;
  }
  const rules = await synthesizedRules(readAssembly(app), organizationId, liveResolver(client, organizationId));
  const result = await evaluate(rules);
  return 'missing' in result ? result : { ...result, unresolved: rules.unresolved };
}

/** Answers the assembly's references from the live organization, each question once. */
function liveResolver(client: WorkMailClient, organizationId: string): Resolver {
  let alias: Promise<string | undefined> | undefined;
  let roles: Promise<Array<{ Name?: string; ImpersonationRoleId?: string }>> | undefined;
  return {
    userId: async (name) => (await describeUser(client, organizationId, name).catch(() => undefined))?.id,
    impersonationRoleId: async (name) => {
      roles ??= listAll(paginateListImpersonationRoles({ client }, { OrganizationId: organizationId }), (page) => page.Roles);
      return (await roles).find((role) => role.Name === name)?.ImpersonationRoleId;
    },
    isOrganization: async (candidate) => {
      alias ??= client.send(new DescribeOrganizationCommand({ OrganizationId: organizationId })).then((organization) => organization.Alias);
      return (await alias) === candidate;
    },
  };
}

/**
 * Prints the live answer, then the offline one and each disagreement; returns the exit code.
 * The built-in allow-all mobile rule has no documented name, so the offline side's valueName
 * stands for the one live rule the app does not name.
 */
export function report(out: Out, live: Answer, result: OfflineResult | undefined): number {
  const line = (label: string, answer: Answer) => `${label} ${answer.effect}  matched: ${answer.matchedRules.join(', ') || '-'}\n`;
  out(line('live:   ', live));
  if (result === undefined) {
    return 0;
  }
  if ('missing' in result) {
    out(`DISAGREE: ${result.missing}\n`);
    return DISAGREEMENT;
  }
  out(line('offline:', result.answer));
  for (const value of result.unresolved ?? []) {
    out(`note: the offline answer could not resolve ${value}\n`);
  }
  const disagreements = compare(live, result.answer, new Set(result.names), result.builtInDefault);
  disagreements.forEach((text) => out(`DISAGREE: ${text}\n`));
  out(disagreements.length === 0 ? 'agree\n' : '');
  return disagreements.length === 0 ? 0 : DISAGREEMENT;
}

function compare(live: Answer, offlineAnswer: Answer, appRules: ReadonlySet<string>, builtInDefault: string | undefined): string[] {
  const disagreements: string[] = [];
  if (live.effect !== offlineAnswer.effect) {
    disagreements.push(`effect: live ${live.effect}, offline ${offlineAnswer.effect}`);
  }
  let liveRules = [...live.matchedRules];
  let offlineRules = [...offlineAnswer.matchedRules];
  const unknown = liveRules.filter((name) => !appRules.has(name));
  if (builtInDefault !== undefined && offlineRules.includes(builtInDefault) && unknown.length === 1) {
    liveRules = liveRules.filter((name) => name !== unknown[0]);
    offlineRules = offlineRules.filter((name) => name !== builtInDefault);
  }
  const onlyLive = liveRules.filter((name) => !offlineRules.includes(name));
  const onlyOffline = offlineRules.filter((name) => !liveRules.includes(name));
  if (onlyLive.length > 0) {
    disagreements.push(`matched live only: ${onlyLive.join(', ')}${onlyLive.some((name) => !appRules.has(name)) ? ' (not in the app: made outside it?)' : ''}`);
  }
  if (onlyOffline.length > 0) {
    disagreements.push(`matched offline only: ${onlyOffline.join(', ')}`);
  }
  return disagreements;
}
