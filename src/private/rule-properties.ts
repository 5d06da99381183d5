/**
 * The properties of the access rule custom resources, as the constructs write them and the
 * handlers read them. Member names are WorkMail's API member names, so the handlers pass them
 * through. Lists are omitted rather than empty.
 */
import { AdoptableResourceProperties } from './ownership-properties';

export interface AccessControlRuleResourceProperties {
  readonly OrganizationId: string;
  readonly Name: string;
  readonly Effect: string;
  readonly Description: string;
  readonly Actions?: string[];
  readonly NotActions?: string[];
  readonly IpRanges?: string[];
  readonly NotIpRanges?: string[];
  readonly UserIds?: string[];
  readonly NotUserIds?: string[];
  readonly ImpersonationRoleIds?: string[];
  readonly NotImpersonationRoleIds?: string[];
}

export interface ImpersonationRuleProperties {
  readonly ImpersonationRuleId: string;
  readonly Name?: string;
  readonly Description?: string;
  readonly Effect: string;
  readonly TargetUsers?: string[];
  readonly NotTargetUsers?: string[];
}

export interface ImpersonationRoleResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  /** With `AdoptExisting`: the id of the live role to take over (WorkMail does not key roles by name). */
  readonly ImpersonationRoleId?: string;
  readonly Name: string;
  readonly Type: string;
  readonly Description?: string;
  readonly Rules?: ImpersonationRuleProperties[];
}

export interface MobileDeviceAccessRuleResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  /** With `AdoptExisting`: the id of the live rule to take over (WorkMail does not key these rules by name). */
  readonly MobileDeviceAccessRuleId?: string;
  readonly Name: string;
  readonly Description?: string;
  readonly Effect: string;
  readonly DeviceTypes?: string[];
  readonly NotDeviceTypes?: string[];
  readonly DeviceModels?: string[];
  readonly NotDeviceModels?: string[];
  readonly DeviceOperatingSystems?: string[];
  readonly NotDeviceOperatingSystems?: string[];
  readonly DeviceUserAgents?: string[];
  readonly NotDeviceUserAgents?: string[];
}

export interface MobileDeviceAccessOverrideResourceProperties {
  readonly OrganizationId: string;
  readonly UserId: string;
  readonly DeviceId: string;
  readonly Effect: string;
  readonly Description?: string;
}

/** Which of the organization's built-in allow-all rules a `Custom::WorkMailDefaultRuleRemoval` removes. */
export const DefaultRuleKind = {
  ACCESS_CONTROL: 'AccessControlRule',
  MOBILE_DEVICE_ACCESS: 'MobileDeviceAccessRule',
} as const;

export interface DefaultRuleRemovalResourceProperties {
  readonly OrganizationId: string;
  readonly Kind: string;
  /**
   * The physical ids of the stack's own rules of this kind: they are created before the default
   * rule is removed (so the organization never has no rule), and are never taken for it.
   */
  readonly StackRules?: string[];
}

/** The name of the built-in access control rule every organization starts with. */
export const DEFAULT_ACCESS_CONTROL_RULE = 'default';

/** Its description, as ListAccessControlRules reports it; used when the rule is put back. */
export const DEFAULT_ACCESS_CONTROL_RULE_DESCRIPTION = 'Default WorkMail Rule';

/** Physical ids of rule resources: the organization id, `|`, then the rule's key. */
export function rulePhysicalId(organizationId: string, ...key: string[]): string {
  return [organizationId, ...key].join('|');
}
