/**
 * Access control rules, impersonation roles, mobile device access rules and overrides, with the
 * three "Test" APIs. The effect logic here is written from the Administrator Guide on its own,
 * without `src/policy`, so that handler tests compare two independent readings of the guide.
 */
import { randomUUID } from 'crypto';
import { epochSeconds, operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { EmulatorContext, Organization } from '../state';
import { findUser, requireActiveOrganization, requireUser } from './lookup';

type Effect = 'ALLOW' | 'DENY';

export interface StoredAccessControlRule {
  Name: string;
  Effect: Effect;
  Description: string;
  Actions?: string[];
  NotActions?: string[];
  IpRanges?: string[];
  NotIpRanges?: string[];
  UserIds?: string[];
  NotUserIds?: string[];
  ImpersonationRoleIds?: string[];
  NotImpersonationRoleIds?: string[];
  DateCreated: Date;
  DateModified: Date;
}

export interface StoredImpersonationRule {
  ImpersonationRuleId: string;
  Name?: string;
  Description?: string;
  Effect: Effect;
  TargetUsers?: string[];
  NotTargetUsers?: string[];
}

export interface StoredImpersonationRole {
  ImpersonationRoleId: string;
  Name: string;
  Type: 'FULL_ACCESS' | 'READ_ONLY';
  Description?: string;
  Rules: StoredImpersonationRule[];
  DateCreated: Date;
  DateModified: Date;
}

const DEVICE_CONDITIONS = [
  'DeviceTypes', 'NotDeviceTypes', 'DeviceModels', 'NotDeviceModels',
  'DeviceOperatingSystems', 'NotDeviceOperatingSystems', 'DeviceUserAgents', 'NotDeviceUserAgents',
] as const;
type DeviceCondition = typeof DEVICE_CONDITIONS[number];

export type StoredMobileDeviceAccessRule = {
  MobileDeviceAccessRuleId: string;
  Name: string;
  Description?: string;
  Effect: Effect;
  DateCreated: Date;
  DateModified: Date;
} & { [C in DeviceCondition]?: string[] };

export interface StoredOverride {
  UserId: string;
  DeviceId: string;
  Effect: Effect;
  Description?: string;
  DateCreated: Date;
  DateModified: Date;
}

/** The access rules of one organization. */
export interface AccessRules {
  /** By name, in creation order. */
  readonly accessControlRules: Map<string, StoredAccessControlRule>;
  readonly impersonationRoles: Map<string, StoredImpersonationRole>;
  readonly mobileDeviceAccessRules: Map<string, StoredMobileDeviceAccessRule>;
  /** By `<user>|<device id in upper case>`. */
  readonly overrides: Map<string, StoredOverride>;
  /** ClientToken to the id it created (impersonation roles and mobile rules). */
  readonly createTokens: Map<string, string>;
}

/** "at most 10 rules per organization", for access control rules and for mobile device access rules alike. */
const MAX_RULES = 10;

/** The protocols PutAccessControlRule and GetAccessControlEffect accept. */
const ACTIONS = ['ActiveSync', 'AutoDiscover', 'EWS', 'IMAP', 'SMTP', 'WindowsOutlook', 'WebMail'];

/** The name the emulator gives the built-in allow-all mobile rule (WorkMail does not document it). */
export const DEFAULT_MOBILE_RULE_NAME = 'DefaultAllowAll';

const RULES = new WeakMap<Organization, AccessRules>();

/**
 * An organization's rules. A new organization has the built-in `default` access control rule
 * ("Default WorkMail Rule", allow all) and an allow-all mobile device access rule.
 */
export function accessRulesOf(organization: Organization): AccessRules {
  let rules = RULES.get(organization);
  if (!rules) {
    const now = new Date();
    rules = {
      accessControlRules: new Map([['default', { Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule', DateCreated: now, DateModified: now }]]),
      impersonationRoles: new Map(),
      mobileDeviceAccessRules: new Map([['default-mobile-rule', {
        MobileDeviceAccessRuleId: 'default-mobile-rule', Name: DEFAULT_MOBILE_RULE_NAME, Effect: 'ALLOW', DateCreated: now, DateModified: now,
      }]]),
      overrides: new Map(),
      createTokens: new Map(),
    };
    RULES.set(organization, rules);
  }
  return rules;
}

function rulesOf(ctx: EmulatorContext, organizationId: string): AccessRules {
  return accessRulesOf(requireActiveOrganization(ctx, organizationId));
}

// ---- Effects, as the Administrator Guide describes them -------------------------------------

/** "If any DENY rule matches ... DENY rules take precedence ...; If no rule applies, ... blocked." */
function verdict<R extends { Effect: Effect }>(rules: R[], applies: (rule: R) => boolean): { effect: Effect; matched: R[] } {
  const applying = rules.filter(applies);
  const deny = applying.filter((rule) => rule.Effect === 'DENY');
  if (deny.length) return { effect: 'DENY', matched: deny };
  return { effect: applying.length ? 'ALLOW' : 'DENY', matched: applying };
}

/** The address as 32 binary digits: a range then covers the addresses sharing its first `prefix` digits. */
function bits(ip: string): string {
  return ip.split('.').map((octet) => Number(octet).toString(2).padStart(8, '0')).join('');
}

function ipInRange(ip: string, range: string): boolean {
  const [base, prefix] = range.split('/');
  return bits(ip).slice(0, Number(prefix)) === bits(base).slice(0, Number(prefix));
}

/** A condition list: absent = no constraint; "Not" lists exclude. */
function listCondition(list: string[] | undefined, negated: boolean, hit: (entry: string) => boolean): boolean {
  if (!list) return true;
  return negated ? !list.some(hit) : list.some(hit);
}

function acrApplies(rule: StoredAccessControlRule, input: GetAccessControlEffectInput): boolean {
  const same = (value: string | undefined) => (entry: string) => entry === value;
  const ip = (range: string) => ipInRange(input.IpAddress, range);
  return listCondition(rule.Actions, false, same(input.Action)) && listCondition(rule.NotActions, true, same(input.Action))
    && listCondition(rule.IpRanges, false, ip) && listCondition(rule.NotIpRanges, true, ip)
    && listCondition(rule.UserIds, false, same(input.UserId)) && listCondition(rule.NotUserIds, true, same(input.UserId))
    && listCondition(rule.ImpersonationRoleIds, false, same(input.ImpersonationRoleId))
    && listCondition(rule.NotImpersonationRoleIds, true, same(input.ImpersonationRoleId));
}

/** "case-insensitive prefix match"; "$NONE" matches an unreported field; negative conditions never match one. */
function deviceConditionHolds(values: string[] | undefined, negated: boolean, reported: string | undefined): boolean {
  if (!values) return true;
  const value = (reported ?? '').toLowerCase();
  if (value === '') return !negated && values.includes('$NONE');
  const prefixed = values.some((v) => v !== '$NONE' && value.startsWith(v.toLowerCase()));
  return negated ? !prefixed : prefixed;
}

function mobileRuleApplies(rule: StoredMobileDeviceAccessRule, input: GetMobileDeviceAccessEffectInput): boolean {
  const reported: Record<DeviceCondition, string | undefined> = {
    DeviceTypes: input.DeviceType,
    NotDeviceTypes: input.DeviceType,
    DeviceModels: input.DeviceModel,
    NotDeviceModels: input.DeviceModel,
    DeviceOperatingSystems: input.DeviceOperatingSystem,
    NotDeviceOperatingSystems: input.DeviceOperatingSystem,
    DeviceUserAgents: input.DeviceUserAgent,
    NotDeviceUserAgents: input.DeviceUserAgent,
  };
  return DEVICE_CONDITIONS.every((c) => deviceConditionHolds(rule[c], c.startsWith('Not'), reported[c]));
}

// ---- Operations ---------------------------------------------------------------------------

interface OrganizationInput {
  readonly OrganizationId: string;
}

type PutAccessControlRuleInput = OrganizationInput & Omit<StoredAccessControlRule, 'DateCreated' | 'DateModified'>;

interface GetAccessControlEffectInput extends OrganizationInput {
  readonly IpAddress: string;
  readonly Action: string;
  readonly UserId?: string;
  readonly ImpersonationRoleId?: string;
}

interface ImpersonationRoleInput extends OrganizationInput {
  readonly ClientToken?: string;
  readonly ImpersonationRoleId?: string;
  readonly Name: string;
  readonly Type: 'FULL_ACCESS' | 'READ_ONLY';
  readonly Description?: string;
  readonly Rules: StoredImpersonationRule[];
}

interface MobileRuleFields {
  ClientToken?: string;
  MobileDeviceAccessRuleId?: string;
  Name: string;
  Description?: string;
  Effect: Effect;
}
type MobileRuleInput = OrganizationInput & MobileRuleFields & { [C in DeviceCondition]?: string[] };

interface GetMobileDeviceAccessEffectInput extends OrganizationInput {
  readonly DeviceType?: string;
  readonly DeviceModel?: string;
  readonly DeviceOperatingSystem?: string;
  readonly DeviceUserAgent?: string;
}

interface OverrideInput extends OrganizationInput {
  readonly UserId: string;
  readonly DeviceId: string;
  readonly Effect: Effect;
  readonly Description?: string;
}

function checkActions(actions: readonly string[] | undefined): void {
  const unknown = (actions ?? []).find((action) => !ACTIONS.includes(action));
  if (unknown !== undefined) {
    throw new ServiceError('InvalidParameterException', `Invalid action ${unknown}; valid actions are ${ACTIONS.join(', ')}.`);
  }
}

function requireRole(rules: AccessRules, id: string): StoredImpersonationRole {
  const role = rules.impersonationRoles.get(id);
  if (!role) {
    throw new ServiceError('ResourceNotFoundException', `Impersonation role ${id} does not exist.`);
  }
  return role;
}

function overrideKey(userId: string, deviceId: string): string {
  return `${userId}|${deviceId.toUpperCase()}`;
}


/** Creates once per client token: a retried request gets the id the first one made. */
function createOnce(rules: AccessRules, token: string | undefined, create: () => string): string {
  const known = token === undefined ? undefined : rules.createTokens.get(token);
  if (known !== undefined) return known;
  const id = create();
  if (token !== undefined) rules.createTokens.set(token, id);
  return id;
}

function withDates<T extends { DateCreated: Date; DateModified: Date }>(item: T): Record<string, unknown> {
  return { ...item, DateCreated: epochSeconds(item.DateCreated), DateModified: epochSeconds(item.DateModified) };
}

export const accessRuleOperations: OperationTable = {
  PutAccessControlRule: operation<PutAccessControlRuleInput>(({ OrganizationId, ...rule }, ctx) => {
    const rules = rulesOf(ctx, OrganizationId);
    checkActions(rule.Actions);
    checkActions(rule.NotActions);
    [...rule.ImpersonationRoleIds ?? [], ...rule.NotImpersonationRoleIds ?? []].forEach((id) => requireRole(rules, id));
    const existing = rules.accessControlRules.get(rule.Name);
    if (!existing && rules.accessControlRules.size >= MAX_RULES) {
      throw new ServiceError('LimitExceededException', `Organization ${OrganizationId} already has ${MAX_RULES} access control rules.`);
    }
    // "Adding a new rule with the same name as an existing rule replaces the older rule."
    const now = new Date();
    rules.accessControlRules.set(rule.Name, { ...rule, DateCreated: existing?.DateCreated ?? now, DateModified: now });
    return {};
  }),

  ListAccessControlRules: operation<OrganizationInput>((input, ctx) => ({
    Rules: [...rulesOf(ctx, input.OrganizationId).accessControlRules.values()].map(withDates),
  })),

  DeleteAccessControlRule: operation<OrganizationInput & { Name: string }>((input, ctx) => {
    // "Deleting already deleted and non-existing rules does not produce an error."
    rulesOf(ctx, input.OrganizationId).accessControlRules.delete(input.Name);
    return {};
  }),

  GetAccessControlEffect: operation<GetAccessControlEffectInput>((input, ctx) => {
    const rules = rulesOf(ctx, input.OrganizationId);
    if ((input.UserId === undefined) === (input.ImpersonationRoleId === undefined)) {
      throw new ServiceError('InvalidParameterException', 'You must provide either the user ID or impersonation role ID.');
    }
    checkActions([input.Action]);
    if (input.ImpersonationRoleId !== undefined) {
      if (input.Action !== 'EWS') {
        throw new ServiceError('InvalidParameterException', 'Impersonation role ID can only be used with Action EWS.');
      }
      requireRole(rules, input.ImpersonationRoleId);
    }
    const { effect, matched } = verdict([...rules.accessControlRules.values()], (rule) => acrApplies(rule, input));
    return { Effect: effect, MatchedRules: matched.map((rule) => rule.Name) };
  }),

  CreateImpersonationRole: operation<ImpersonationRoleInput>(({ OrganizationId, ClientToken, ...role }, ctx) => {
    const rules = rulesOf(ctx, OrganizationId);
    const id = createOnce(rules, ClientToken, () => {
      const now = new Date();
      const ImpersonationRoleId = randomUUID();
      rules.impersonationRoles.set(ImpersonationRoleId, { ...role, ImpersonationRoleId, DateCreated: now, DateModified: now });
      return ImpersonationRoleId;
    });
    return { ImpersonationRoleId: id };
  }),

  UpdateImpersonationRole: operation<ImpersonationRoleInput>(({ OrganizationId, ImpersonationRoleId, ...role }, ctx) => {
    const existing = requireRole(rulesOf(ctx, OrganizationId), ImpersonationRoleId!);
    // A full replacement: an omitted description is cleared.
    Object.assign(existing, { Description: undefined, ...role, DateModified: new Date() });
    return {};
  }),

  GetImpersonationRole: operation<OrganizationInput & { ImpersonationRoleId: string }>((input, ctx) =>
    withDates(requireRole(rulesOf(ctx, input.OrganizationId), input.ImpersonationRoleId))),

  ListImpersonationRoles: operation<OrganizationInput & PageRequest>((input, ctx) => {
    const page = paginate([...rulesOf(ctx, input.OrganizationId).impersonationRoles.values()], input);
    return {
      Roles: page.items.map(({ ImpersonationRoleId, Name, Type, DateCreated, DateModified }) =>
        withDates({ ImpersonationRoleId, Name, Type, DateCreated, DateModified })),
      NextToken: page.nextToken,
    };
  }),

  DeleteImpersonationRole: operation<OrganizationInput & { ImpersonationRoleId: string }>((input, ctx) => {
    rulesOf(ctx, input.OrganizationId).impersonationRoles.delete(input.ImpersonationRoleId);
    return {};
  }),

  GetImpersonationRoleEffect: operation<OrganizationInput & { ImpersonationRoleId: string; TargetUser: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const role = requireRole(accessRulesOf(organization), input.ImpersonationRoleId);
    // TargetUser and the rules' entries may each be an id, an address or a user name: they match
    // when they name the same user.
    const targetId = requireUser(organization, input.TargetUser).id;
    const names = (entry: string) => findUser(organization, entry)?.id === targetId;
    const target = (users: string[] | undefined, negated: boolean) => listCondition(users, negated, names);
    const { effect, matched } = verdict(role.Rules, (rule) => target(rule.TargetUsers, false) && target(rule.NotTargetUsers, true));
    return {
      Type: role.Type,
      Effect: effect,
      MatchedRules: matched.map((rule) => ({ ImpersonationRuleId: rule.ImpersonationRuleId, Name: rule.Name })),
    };
  }),

  CreateMobileDeviceAccessRule: operation<MobileRuleInput>(({ OrganizationId, ClientToken, ...rule }, ctx) => {
    const rules = rulesOf(ctx, OrganizationId);
    const id = createOnce(rules, ClientToken, () => {
      if (rules.mobileDeviceAccessRules.size >= MAX_RULES) {
        throw new ServiceError('LimitExceededException', `Organization ${OrganizationId} already has ${MAX_RULES} mobile device access rules.`);
      }
      const now = new Date();
      const ruleId = randomUUID().replace(/-/g, '');
      rules.mobileDeviceAccessRules.set(ruleId, { ...rule, MobileDeviceAccessRuleId: ruleId, DateCreated: now, DateModified: now });
      return ruleId;
    });
    return { MobileDeviceAccessRuleId: id };
  }),

  UpdateMobileDeviceAccessRule: operation<MobileRuleInput>(({ OrganizationId, MobileDeviceAccessRuleId, ...rule }, ctx) => {
    const rules = rulesOf(ctx, OrganizationId);
    const existing = rules.mobileDeviceAccessRules.get(MobileDeviceAccessRuleId!);
    if (!existing) {
      throw new ServiceError('EntityNotFoundException', `Mobile device access rule ${MobileDeviceAccessRuleId} does not exist.`);
    }
    rules.mobileDeviceAccessRules.set(existing.MobileDeviceAccessRuleId, {
      ...rule, MobileDeviceAccessRuleId: existing.MobileDeviceAccessRuleId, DateCreated: existing.DateCreated, DateModified: new Date(),
    });
    return {};
  }),

  ListMobileDeviceAccessRules: operation<OrganizationInput>((input, ctx) => ({
    Rules: [...rulesOf(ctx, input.OrganizationId).mobileDeviceAccessRules.values()].map(withDates),
  })),

  DeleteMobileDeviceAccessRule: operation<OrganizationInput & { MobileDeviceAccessRuleId: string }>((input, ctx) => {
    rulesOf(ctx, input.OrganizationId).mobileDeviceAccessRules.delete(input.MobileDeviceAccessRuleId);
    return {};
  }),

  GetMobileDeviceAccessEffect: operation<GetMobileDeviceAccessEffectInput>((input, ctx) => {
    const rules = rulesOf(ctx, input.OrganizationId);
    const { effect, matched } = verdict([...rules.mobileDeviceAccessRules.values()], (rule) => mobileRuleApplies(rule, input));
    return { Effect: effect, MatchedRules: matched.map((rule) => ({ MobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId, Name: rule.Name })) };
  }),

  PutMobileDeviceAccessOverride: operation<OverrideInput>(({ OrganizationId, ...override }, ctx) => {
    const rules = rulesOf(ctx, OrganizationId);
    const key = overrideKey(override.UserId, override.DeviceId);
    const now = new Date();
    rules.overrides.set(key, { ...override, DateCreated: rules.overrides.get(key)?.DateCreated ?? now, DateModified: now });
    return {};
  }),

  GetMobileDeviceAccessOverride: operation<OverrideInput>((input, ctx) => {
    const override = rulesOf(ctx, input.OrganizationId).overrides.get(overrideKey(input.UserId, input.DeviceId));
    if (!override) {
      throw new ServiceError('ResourceNotFoundException', `No override for user ${input.UserId} and device ${input.DeviceId}.`);
    }
    return withDates(override);
  }),

  ListMobileDeviceAccessOverrides: operation<OrganizationInput & PageRequest & { UserId?: string; DeviceId?: string }>((input, ctx) => {
    const all = [...rulesOf(ctx, input.OrganizationId).overrides.values()].filter((o) =>
      (input.UserId === undefined || o.UserId === input.UserId)
      && (input.DeviceId === undefined || o.DeviceId.toUpperCase() === input.DeviceId.toUpperCase()));
    const page = paginate(all, input);
    return { Overrides: page.items.map(withDates), NextToken: page.nextToken };
  }),

  DeleteMobileDeviceAccessOverride: operation<OverrideInput>((input, ctx) => {
    rulesOf(ctx, input.OrganizationId).overrides.delete(overrideKey(input.UserId, input.DeviceId));
    return {};
  }),
};
