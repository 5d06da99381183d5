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
import { list, MarkedPut, parseFound, parsePhysicalId, planMarkedPut } from '../shared/rules';

const LISTS = [
  'Actions', 'NotActions', 'IpRanges', 'NotIpRanges', 'UserIds', 'NotUserIds', 'ImpersonationRoleIds', 'NotImpersonationRoleIds',
] as const;

/**
 * The PutAccessControlRule request for these properties (a whole rule: omitted lists are
 * cleared), its description marked with the resource's owner id.
 */
export function putRequest(properties: AccessControlRuleResourceProperties, owner: string): PutAccessControlRuleRequest {
  const request: PutAccessControlRuleRequest = {
    OrganizationId: properties.OrganizationId,
    Name: properties.Name,
    Effect: properties.Effect as PutAccessControlRuleRequest['Effect'],
    Description: withOwnerMarker(properties.Description, owner),
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
 * The organization and rule name of a physical id, and whether the rule was found unchanged;
 * undefined after a failed Create.
 */
export function ruleOf(physicalResourceId: string | undefined): { organizationId: string; name: string; found: boolean } | undefined {
  const { id, found } = parseFound(physicalResourceId, 1);
  const parsed = parsePhysicalId(id, 1);
  return parsed && { organizationId: parsed.organizationId, name: parsed.key[0], found };
}

/** What a Delete does with the rule WorkMail has under the resource's name. */
export type RuleDeletion = 'delete' | LeftAlone;

/** Whether `rule` (its description without the owner marker) holds exactly what the properties put. */
function holdsProperties(properties: AccessControlRuleResourceProperties, rule: AccessControlRule, description: string): boolean {
  const expected = putRequest(properties, '');
  const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    JSON.stringify([...a ?? []].sort()) === JSON.stringify([...b ?? []].sort());
  return rule.Name === expected.Name
    && rule.Effect === expected.Effect
    && description === (properties.Description ?? '')
    && LISTS.every((member) => sameList(rule[member], expected[member]));
}

/** What a Create or Update does with the rule of its name (see {@link planMarkedPut}). */
export function planPut(
  properties: AccessControlRuleResourceProperties,
  owner: string,
  current: AccessControlRule | undefined,
  updatedId?: string,
): MarkedPut {
  return planMarkedPut(physicalId(properties), updatedId, owner, current, (rule) => rule.Description,
    (rule, description) => holdsProperties(properties, rule, description));
}

/**
 * A Delete removes `current` only while it is the rule this resource wrote: its marker names
 * the resource and its content is what the properties put. Another marker means the name now
 * belongs to another resource ('stack': the construct moved, or rules swapped names) or to
 * someone else; other content means it was changed outside since, and the change is kept. A
 * rule without a marker that holds exactly these properties is left when the resource found it
 * so (`found`), and is otherwise one an earlier version of this resource wrote.
 */
export function planDelete(
  properties: AccessControlRuleResourceProperties,
  owner: string,
  current: AccessControlRule | undefined,
  found = false,
): RuleDeletion {
  return markedDeletion(current, (rule) => rule.Description, owner, (rule, description) => holdsProperties(properties, rule, description), found);
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
