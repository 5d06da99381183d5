/**
 * Rule definitions (what the evaluators read) as the properties of their custom resources (what
 * the handlers read), converted in this one place: a condition list of a definition is the API
 * member of the same name with an upper-case initial.
 */
import type { AccessControlRuleDefinition, MobileDeviceAccessRuleDefinition } from '../policy';
import { AdoptableResourceProperties } from './ownership-properties';
import { AccessControlRuleResourceProperties, MobileDeviceAccessRuleResourceProperties } from './rule-properties';

/** The condition lists of an access control rule, by their API member names. */
export const ACCESS_CONTROL_CONDITIONS = [
  'Actions', 'NotActions', 'IpRanges', 'NotIpRanges', 'UserIds', 'NotUserIds', 'ImpersonationRoleIds', 'NotImpersonationRoleIds',
] as const;

/** The condition lists of a mobile device access rule, by their API member names. */
export const MOBILE_DEVICE_ACCESS_CONDITIONS = [
  'DeviceTypes', 'NotDeviceTypes', 'DeviceModels', 'NotDeviceModels',
  'DeviceOperatingSystems', 'NotDeviceOperatingSystems', 'DeviceUserAgents', 'NotDeviceUserAgents',
] as const;

/** The definition member that holds the condition list of API member `member`. */
export function definitionMember<M extends string>(member: M): Uncapitalize<M> {
  return (member.charAt(0).toLowerCase() + member.slice(1)) as Uncapitalize<M>;
}

type Conditions<M extends string> = { [K in M]?: string[] };

function conditionProperties<M extends string>(
  definition: Partial<Record<Uncapitalize<M>, readonly string[]>>,
  members: readonly M[],
): Conditions<M> {
  const entries = members.map((member) => [member, definition[definitionMember(member)]] as const);
  return Object.fromEntries(entries.filter(([, values]) => values !== undefined).map(([member, values]) => [member, [...values!]])) as Conditions<M>;
}

/** An access control rule's properties: the definition's, plus what only WorkMail keeps. */
export function accessControlRuleProperties(
  organizationId: string,
  definition: AccessControlRuleDefinition,
  description: string,
): AccessControlRuleResourceProperties {
  return {
    OrganizationId: organizationId,
    Name: definition.name,
    Effect: definition.effect,
    Description: description,
    ...conditionProperties(definition, ACCESS_CONTROL_CONDITIONS),
  };
}

/** A mobile device access rule's properties: the definition's, plus what only WorkMail keeps. */
export function mobileDeviceAccessRuleProperties(
  organizationId: string,
  definition: MobileDeviceAccessRuleDefinition,
  extra: Pick<MobileDeviceAccessRuleResourceProperties, 'Description' | 'MobileDeviceAccessRuleId' | keyof AdoptableResourceProperties>,
): MobileDeviceAccessRuleResourceProperties {
  return {
    OrganizationId: organizationId,
    Name: definition.name,
    Effect: definition.effect,
    ...conditionProperties(definition, MOBILE_DEVICE_ACCESS_CONDITIONS),
    ...extra,
  };
}
