/**
 * Mobile device access rules as pure decisions. WorkMail assigns the rule id and names need not
 * be unique, so the rule is created with a client token, then updated in place by id
 * (UpdateMobileDeviceAccessRule replaces the whole rule: omitted conditions are cleared).
 */
import type { MobileDeviceAccessRule } from '@aws-sdk/client-workmail';
import { MobileDeviceAccessRuleResourceProperties } from '../../private/rule-properties';
import { list } from '../shared/rules';

export const CONDITIONS = [
  'DeviceTypes', 'NotDeviceTypes', 'DeviceModels', 'NotDeviceModels',
  'DeviceOperatingSystems', 'NotDeviceOperatingSystems', 'DeviceUserAgents', 'NotDeviceUserAgents',
] as const;

export type RuleRequest = Pick<MobileDeviceAccessRule, 'Name' | 'Description' | 'Effect' | typeof CONDITIONS[number]> & { OrganizationId: string };

export function ruleRequest(properties: MobileDeviceAccessRuleResourceProperties): RuleRequest {
  const request: RuleRequest = {
    OrganizationId: properties.OrganizationId,
    Name: properties.Name,
    Description: properties.Description || undefined,
    Effect: properties.Effect as RuleRequest['Effect'],
  };
  for (const condition of CONDITIONS) {
    request[condition] = list(properties[condition]);
  }
  return request;
}

/** A rule without conditions: it applies to every device. */
export function hasNoConditions(rule: MobileDeviceAccessRule): boolean {
  return CONDITIONS.every((condition) => (rule[condition] ?? []).length === 0);
}

/** WorkMail's limit of mobile device access rules per organization. */
export const MAX_RULES = 10;

/**
 * Whether creating `request` would exceed the limit. A rule identical to it may be this very
 * request's, made by an earlier delivery: then the Create goes ahead, and its client token
 * returns that rule.
 */
export function exceedsLimit(rules: readonly MobileDeviceAccessRule[], request: RuleRequest): boolean {
  return rules.length >= MAX_RULES && !rules.some((rule) => sameConditions(rule, request));
}

/** Same name, effect and conditions. */
function sameConditions(rule: MobileDeviceAccessRule, request: RuleRequest): boolean {
  return rule.Name === request.Name && rule.Effect === request.Effect
    && CONDITIONS.every((condition) => JSON.stringify(rule[condition] ?? []) === JSON.stringify(request[condition] ?? []));
}

/** Whether the live rule holds exactly what the request writes: then an adopting Create leaves it as it is. */
export function holdsRequest(rule: MobileDeviceAccessRule | undefined, request: RuleRequest): boolean {
  return rule !== undefined && sameConditions(rule, request) && (rule.Description ?? '') === (request.Description ?? '');
}

/** The organization tag (after `cdk-workmail:`) naming the resource that adopted a rule (see shared/ownership claim). */
export function claimTag(ruleId: string): string {
  return `mobile-device-access-rule:${ruleId}`;
}
