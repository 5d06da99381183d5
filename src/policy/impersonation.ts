/** The impersonation role's "Test role" (GetImpersonationRoleEffect), answered offline. */
import { AccessEffect, decide, excludes, includes } from './effect';

/** One rule of an impersonation role, with WorkMail's API member names. */
export interface ImpersonationRuleDefinition {
  readonly impersonationRuleId: string;
  readonly name?: string;
  readonly effect: AccessEffect;
  /** Users (ids) the rule matches; absent: every user. */
  readonly targetUsers?: readonly string[];
  /** Users (ids) the rule does not match; absent: no exception. */
  readonly notTargetUsers?: readonly string[];
}

export interface ImpersonationVerdict {
  readonly effect: AccessEffect;
  /** Ids of the rules that produced the effect. */
  readonly matchedRules: string[];
}

/**
 * Whether a role with these rules may impersonate `targetUserId`: a DENY rule that matches
 * denies, else an ALLOW rule that matches allows, else (including a role without rules)
 * impersonation is denied.
 */
export function evaluateImpersonationRules(
  rules: readonly ImpersonationRuleDefinition[],
  targetUserId: string,
): ImpersonationVerdict {
  const isTarget = (user: string) => user === targetUserId;
  const verdict = decide(rules
    .filter((rule) => includes(rule.targetUsers, isTarget) && excludes(rule.notTargetUsers, isTarget))
    .map((rule) => ({ rule, effect: rule.effect })));
  return { effect: verdict.effect, matchedRules: verdict.matched.map((rule) => rule.impersonationRuleId) };
}
