/**
 * Impersonation roles as pure decisions. WorkMail assigns the role id, so the physical id is
 * `<organization>|<role id>` (see `planCreateOrUpdate`); UpdateImpersonationRole replaces name,
 * type, description and rules in place.
 */
import type { GetImpersonationRoleResponse, ImpersonationRule } from '@aws-sdk/client-workmail';
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

/**
 * Whether the live role (GetImpersonationRole) holds exactly what the request writes: then an
 * adopting Create leaves it as it is. Lists compare as sets, absent and empty alike.
 */
export function holdsRequest(request: ReturnType<typeof roleRequest>, live: Pick<GetImpersonationRoleResponse, 'Name' | 'Type' | 'Description' | 'Rules'>): boolean {
  const rules = (value: readonly ImpersonationRule[] | undefined) => JSON.stringify((value ?? []).map((rule) => [
    rule.ImpersonationRuleId, rule.Name ?? '', rule.Description ?? '', rule.Effect, sortedList(rule.TargetUsers), sortedList(rule.NotTargetUsers),
  ]));
  return live.Name === request.Name && live.Type === request.Type && (live.Description ?? '') === (request.Description ?? '')
    && rules(live.Rules) === rules(request.Rules);
}

const sortedList = (values: readonly string[] | undefined) => [...values ?? []].sort();

/** The organization tag (after `cdk-workmail:`) naming the resource that adopted a role (see shared/ownership claim). */
export function claimTag(impersonationRoleId: string): string {
  return `impersonation-role:${impersonationRoleId}`;
}
