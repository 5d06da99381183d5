/**
 * Access control rules as pure decisions. WorkMail keys them by name (PutAccessControlRule
 * replaces the rule of that name), so the physical id is `<organization>|<name>`: a rename
 * returns a new id, CloudFormation puts the new rule first and then deletes the old one.
 */
import type { AccessControlRule, PutAccessControlRuleRequest } from '@aws-sdk/client-workmail';
import { AccessControlRuleResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { list, parsePhysicalId } from '../shared/rules';

const LISTS = [
  'Actions', 'NotActions', 'IpRanges', 'NotIpRanges', 'UserIds', 'NotUserIds', 'ImpersonationRoleIds', 'NotImpersonationRoleIds',
] as const;

/** The PutAccessControlRule request for these properties (a whole rule: omitted lists are cleared). */
export function putRequest(properties: AccessControlRuleResourceProperties): PutAccessControlRuleRequest {
  const request: PutAccessControlRuleRequest = {
    OrganizationId: properties.OrganizationId,
    Name: properties.Name,
    Effect: properties.Effect as PutAccessControlRuleRequest['Effect'],
    Description: properties.Description,
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

/** The organization and rule name of a physical id; undefined after a failed Create. */
export function ruleOf(physicalResourceId: string | undefined): { organizationId: string; name: string } | undefined {
  const parsed = parsePhysicalId(physicalResourceId, 1);
  return parsed && { organizationId: parsed.organizationId, name: parsed.key[0] };
}

/**
 * Whether a Delete may remove `current`, the rule WorkMail has under the resource's name. Only
 * when it is still the rule these properties wrote: after another resource took the name over
 * in the same deployment (rules swapping names, or a name whose case changed), the rule now
 * belongs to that resource, and deleting it would delete the new rule.
 */
export function shouldDelete(properties: AccessControlRuleResourceProperties, current: AccessControlRule | undefined): boolean {
  if (current === undefined) {
    return false;
  }
  const expected = putRequest(properties);
  const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    JSON.stringify([...a ?? []].sort()) === JSON.stringify([...b ?? []].sort());
  return current.Name === expected.Name
    && current.Effect === expected.Effect
    && (current.Description ?? '') === expected.Description
    && LISTS.every((member) => sameList(current[member], expected[member]));
}

/** WorkMail's limit of access control rules per organization. */
export const MAX_RULES = 10;

/** Whether putting a rule named `name` would exceed the limit (a put under an existing name replaces that rule). */
export function exceedsLimit(rules: readonly AccessControlRule[], name: string): boolean {
  return rules.length >= MAX_RULES && !rules.some((rule) => rule.Name === name);
}
