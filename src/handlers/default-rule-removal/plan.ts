/**
 * Removing (and putting back) an organization's built-in allow-all rules, as pure decisions.
 *
 * The access control rule is the one named `default`. The mobile device access rule has no
 * documented name, so the default is any ALLOW rule without conditions that is not one of the
 * stack's own rules.
 */
import type { MobileDeviceAccessRule } from '@aws-sdk/client-workmail';
import { DefaultRuleKind, DefaultRuleRemovalResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { hasNoConditions } from '../mobile-device-access-rule/plan';
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

/** The ids of the built-in allow-all mobile rules: unconditioned ALLOW rules the stack did not make. */
export function defaultMobileRules(rules: readonly MobileDeviceAccessRule[], stackRules: readonly string[]): string[] {
  const own = new Set(stackRules.map((id) => assignedIdOf(id)?.id));
  return rules
    .filter((rule) => rule.Effect === 'ALLOW' && hasNoConditions(rule) && !own.has(rule.MobileDeviceAccessRuleId))
    .map((rule) => rule.MobileDeviceAccessRuleId!);
}

/** Whether the organization still has a rule allowing every device (then nothing needs putting back). */
export function allowsEveryDevice(rules: readonly MobileDeviceAccessRule[]): boolean {
  return rules.some((rule) => rule.Effect === 'ALLOW' && hasNoConditions(rule));
}
