/**
 * Removing (and putting back) an organization's built-in allow-all rules, as pure decisions.
 *
 * The access control rule is the one named `default` without an owner marker. The mobile device
 * access rule has no documented name ("each Amazon WorkMail organization uses a rule that grants
 * mailbox access to any devices"): it is the oldest rule of the organization, when that rule
 * allows every device, carries no owner marker and is not one of the stack's own rules.
 *
 * What was removed is recorded, whole, in an organization tag with the owner id of the removal,
 * before it is removed: a redelivered Create finds its own record, a removal moved to a new
 * logical id takes the record over, and Delete puts back exactly what was removed.
 */
import type { AccessControlRule, MobileDeviceAccessRule, PutAccessControlRuleRequest } from '@aws-sdk/client-workmail';
import { readOwnerMarker } from '../../private/ownership-properties';
import {
  DEFAULT_ACCESS_CONTROL_RULE,
  DefaultRuleKind,
  DefaultRuleRemovalResourceProperties,
  rulePhysicalId,
} from '../../private/rule-properties';
import { hasNoConditions, RuleRequest } from '../mobile-device-access-rule/plan';
import { DeploymentError } from '../shared/errors';
import { LeftAlone, ownership, OwnerTag } from '../shared/ownership';
import { assignedIdOf, parsePhysicalId } from '../shared/rules';

const REMOVAL = 'default-rule-removal';

export function physicalId(properties: DefaultRuleRemovalResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, REMOVAL, properties.Kind);
}

export function removalOf(physicalResourceId: string | undefined): { organizationId: string; kind: string } | undefined {
  const parsed = parsePhysicalId(physicalResourceId, 2);
  return parsed && parsed.key[0] === REMOVAL ? { organizationId: parsed.organizationId, kind: parsed.key[1] } : undefined;
}

export function checkKind(kind: string): void {
  if (!Object.values<string>(DefaultRuleKind).includes(kind)) {
    throw new Error(`Property Kind must be one of ${Object.values(DefaultRuleKind).join(', ')}, got ${JSON.stringify(kind)}.`);
  }
}

/** The organization tag (after the `cdk-workmail:` prefix) that records the removed rule of a kind. */
export function recordTag(kind: string): string {
  return kind === DefaultRuleKind.ACCESS_CONTROL ? 'removed-default-access-control-rule' : 'removed-default-mobile-device-access-rule';
}

/** A removed rule, as the tag records it: the rule's own members, nothing WorkMail assigns. */
export type RemovedRule = Omit<PutAccessControlRuleRequest, 'OrganizationId'> | Omit<RuleRequest, 'OrganizationId'>;

export function encodeRule(rule: RemovedRule): string {
  return Buffer.from(JSON.stringify(rule)).toString('base64url');
}

export function decodeRule(payload: string): RemovedRule {
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

const ACCESS_CONTROL_MEMBERS = [
  'Name', 'Effect', 'Description', 'Actions', 'NotActions', 'IpRanges', 'NotIpRanges',
  'UserIds', 'NotUserIds', 'ImpersonationRoleIds', 'NotImpersonationRoleIds',
] as const;

/** The built-in access control rule, whole; undefined when the organization has none (any more). */
export function builtInAccessControlRule(rules: readonly AccessControlRule[]): RemovedRule | undefined {
  const rule = rules.find((candidate) => candidate.Name === DEFAULT_ACCESS_CONTROL_RULE
    && readOwnerMarker(candidate.Description).owner === undefined);
  return rule && Object.fromEntries(ACCESS_CONTROL_MEMBERS.filter((member) => rule[member] !== undefined).map((member) => [member, rule[member]]));
}

/** The built-in allow-all mobile rule (see the module comment), or undefined. */
export function builtInMobileRule(rules: readonly MobileDeviceAccessRule[], stackRules: readonly string[]): MobileDeviceAccessRule | undefined {
  const oldest = [...rules].sort((a, b) => (a.DateCreated?.getTime() ?? 0) - (b.DateCreated?.getTime() ?? 0))[0];
  const own = new Set(stackRules.map((id) => assignedIdOf(id)?.id));
  const builtIn = oldest !== undefined && oldest.Effect === 'ALLOW' && hasNoConditions(oldest)
    && readOwnerMarker(oldest.Description).owner === undefined && !own.has(oldest.MobileDeviceAccessRuleId);
  return builtIn ? oldest : undefined;
}

/** What a mobile rule holds, as CreateMobileDeviceAccessRule takes it back. */
export function mobileRuleContent(rule: MobileDeviceAccessRule): RemovedRule {
  return { Name: rule.Name, Effect: rule.Effect, ...(rule.Description ? { Description: rule.Description } : {}) };
}

/**
 * What a Create does about the record it finds: none, so it records and removes the built-in
 * rule; its own (a redelivery), so it finishes that removal; the stack's (the removal moved to a
 * new logical id), so it takes the record over. Another stack's record is refused: that stack
 * owns the removal, and two removals would restore twice.
 */
export function planRemoval(record: OwnerTag | undefined, owner: string, organizationId: string, kind: string): 'remove' | 'finish' | 'take over' {
  const found = ownership(record?.owner, owner);
  if (found === 'unmarked') {
    return 'remove';
  }
  if (found === 'other') {
    throw new DeploymentError(
      `The built-in ${kind} of organization ${organizationId} was removed by another stack, which puts it back when its removal is deleted. `
      + 'Keep one removal of each kind per organization: remove this one from the stack.',
    );
  }
  return found === 'mine' ? 'finish' : 'take over';
}

/** A Delete restores only the record it owns; a record taken over by another resource stays with it. */
export function planRestore(record: OwnerTag | undefined, owner: string): 'restore' | LeftAlone {
  const found = ownership(record?.owner, owner);
  if (found === 'unmarked') {
    return 'gone';
  }
  return found === 'mine' ? 'restore' : found;
}

/** Whether `rules` hold a mobile rule with exactly the removed content (put back already). */
export function holdsMobileRule(rules: readonly MobileDeviceAccessRule[], removed: RemovedRule): boolean {
  return rules.some((rule) => hasNoConditions(rule) && rule.Name === removed.Name && rule.Effect === removed.Effect
    && (rule.Description ?? '') === (removed.Description ?? ''));
}
