/**
 * Access control rules as pure decisions. WorkMail keys them by name (PutAccessControlRule
 * replaces the rule of that name), so the physical id is `<organization>|<name>`: a rename
 * returns a new id, CloudFormation puts the new rule first and then deletes the old one.
 */
import type { AccessControlRule, PutAccessControlRuleRequest } from '@aws-sdk/client-workmail';
import { withOwnerMarker } from '../../private/ownership-properties';
import {
  AccessControlRuleResourceProperties,
  DEFAULT_ACCESS_CONTROL_RULE,
  DEFAULT_ACCESS_CONTROL_RULE_DESCRIPTION,
  rulePhysicalId,
} from '../../private/rule-properties';
import { LeftAlone, markedDeletion } from '../shared/ownership';
import { contentDigest, list, MarkedPut, parseFound, parsePhysicalId, planMarkedPut } from '../shared/rules';

const LISTS = [
  'Actions', 'NotActions', 'IpRanges', 'NotIpRanges', 'UserIds', 'NotUserIds', 'ImpersonationRoleIds', 'NotImpersonationRoleIds',
] as const;

/**
 * The PutAccessControlRule request for these properties (a whole rule: omitted lists are
 * cleared), its description marked with the resource's owner id; without an owner, the rule as
 * the organization had it when the resource found it.
 */
export function putRequest(properties: AccessControlRuleResourceProperties, owner: string | undefined): PutAccessControlRuleRequest {
  const request: PutAccessControlRuleRequest = {
    OrganizationId: properties.OrganizationId,
    Name: properties.Name,
    Effect: properties.Effect as PutAccessControlRuleRequest['Effect'],
    Description: owner === undefined ? properties.Description : withOwnerMarker(properties.Description, owner),
  };
  for (const member of LISTS) {
    const values = list(properties[member]);
    if (values) {
      request[member] = values;
    }
  }
  return request;
}

export function physicalId(properties: AccessControlRuleResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, properties.Name);
}

/**
 * The organization and rule name of a physical id, and the digest of the content the rule was
 * found with, if it was; undefined after a failed Create.
 */
export function ruleOf(physicalResourceId: string | undefined): { organizationId: string; name: string; found?: string } | undefined {
  const { id, found } = parseFound(physicalResourceId, 1);
  const parsed = parsePhysicalId(id, 1);
  return parsed && { organizationId: parsed.organizationId, name: parsed.key[0], ...found && { found } };
}

/** What a Delete does with the rule WorkMail has under the resource's name. */
export type RuleDeletion = 'delete' | LeftAlone;

const sorted = (values: readonly string[] | undefined) => JSON.stringify([...values ?? []].sort());

/** Whether `rule` (its description without the owner marker) holds exactly what the properties put. */
function holdsProperties(properties: AccessControlRuleResourceProperties, rule: AccessControlRule, description: string): boolean {
  const expected = putRequest(properties, undefined);
  return rule.Name === expected.Name
    && rule.Effect === expected.Effect
    && description === (properties.Description ?? '')
    && LISTS.every((member) => sorted(rule[member]) === sorted(expected[member]));
}

/** The rule's content in a canonical form (lists in order), as a found mark records it. */
function content(properties: AccessControlRuleResourceProperties): string {
  return JSON.stringify([properties.Name, properties.Effect, properties.Description, ...LISTS.map((member) => sorted(properties[member]))]);
}

/** What a Create or Update does with the rule of its name (see {@link planMarkedPut}). */
export function planPut(
  properties: AccessControlRuleResourceProperties,
  owner: string,
  current: AccessControlRule | undefined,
  updatedId?: string,
): MarkedPut {
  return planMarkedPut(physicalId(properties), updatedId, owner, current, (rule) => rule.Description,
    (rule, description) => holdsProperties(properties, rule, description), content(properties));
}

/**
 * A Delete removes `current` only while it is the rule this resource wrote: its marker names
 * the resource and its content is what the properties put. Another marker means the name now
 * belongs to another resource ('stack': the construct moved, or rules swapped names) or to
 * someone else; other content means it was changed outside since, and the change is kept. A
 * rule that holds these properties is left when they are the content the resource found it with
 * (`found`, the digest its physical id records).
 */
export function planDelete(
  properties: AccessControlRuleResourceProperties,
  owner: string,
  current: AccessControlRule | undefined,
  found?: string,
): RuleDeletion {
  return markedDeletion(current, (rule) => rule.Description, owner, (rule, description) => holdsProperties(properties, rule, description),
    found === contentDigest(content(properties)));
}

/**
 * The built-in rule every organization starts with. "If an administrator deletes all access
 * control rules for an organization, Amazon WorkMail blocks all access to the organization's
 * mailboxes" (Administrator Guide): a Delete that leaves no rule puts this one back.
 */
export function builtInDefaultRule(organizationId: string): PutAccessControlRuleRequest {
  return { OrganizationId: organizationId, Name: DEFAULT_ACCESS_CONTROL_RULE, Effect: 'ALLOW', Description: DEFAULT_ACCESS_CONTROL_RULE_DESCRIPTION };
}

/** WorkMail's limit of access control rules per organization. */
export const MAX_RULES = 10;

/** Whether putting a rule named `name` would exceed the limit (a put under an existing name replaces that rule). */
export function exceedsLimit(rules: readonly AccessControlRule[], name: string): boolean {
  return rules.length >= MAX_RULES && !rules.some((rule) => rule.Name === name);
}
