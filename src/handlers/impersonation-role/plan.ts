/**
 * Impersonation roles as pure decisions. WorkMail assigns the role id, so the physical id is
 * `<organization>|<role id>` (see `planCreateOrUpdate`); UpdateImpersonationRole replaces name,
 * type, description and rules in place.
 */
import type { ImpersonationRule } from '@aws-sdk/client-workmail';
import { ImpersonationRoleResourceProperties } from '../../private/rule-properties';
import { list } from '../shared/rules';

/** Name, type, description and rules, as CreateImpersonationRole and UpdateImpersonationRole take them. */
export function roleRequest(properties: ImpersonationRoleResourceProperties) {
  return {
    OrganizationId: properties.OrganizationId,
    Name: properties.Name,
    Type: properties.Type as 'FULL_ACCESS' | 'READ_ONLY',
    Description: properties.Description || undefined,
    Rules: (properties.Rules ?? []).map((rule): ImpersonationRule => ({
      ImpersonationRuleId: rule.ImpersonationRuleId,
      Name: rule.Name || undefined,
      Description: rule.Description || undefined,
      Effect: rule.Effect as ImpersonationRule['Effect'],
      TargetUsers: list(rule.TargetUsers),
      NotTargetUsers: list(rule.NotTargetUsers),
    })),
  };
}

/** The organization tag (after `cdk-workmail:`) naming the resource that adopted a role (see shared/ownership claim). */
export function claimTag(impersonationRoleId: string): string {
  return `impersonation-role:${impersonationRoleId}`;
}
