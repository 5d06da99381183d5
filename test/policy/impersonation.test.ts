/** Impersonation role evaluation, traced to "Impersonation roles overview" in the Administrator Guide. */
import { AccessEffect, evaluateImpersonationRules, ImpersonationRuleDefinition } from '../../src/policy';

const { ALLOW, DENY } = AccessEffect;
const ALICE = 'alice-0000-0000-0000';
const BOB = 'bob-00000-0000-0000';

describe('evaluateImpersonationRules', () => {
  test.each([
    ['"To allow impersonation for all users ..., create a rule with the ALLOW effect and with no conditions."', [{ impersonationRuleId: 'all', effect: ALLOW }], ALICE, ALLOW, ['all']],
    ['"If you do not specify rules, an impersonation role can\'t assume a user\'s access rights."', [], ALICE, DENY, []],
    ['"If any DENY rule matches, the policy denies impersonation. DENY rules take precedence over any ALLOW rules."', [{ impersonationRuleId: 'all', effect: ALLOW }, { impersonationRuleId: 'not-alice', effect: DENY, targetUsers: [ALICE] }], ALICE, DENY, ['not-alice']],
    ['"If at least one ALLOW rule matches, and no DENY rule matches, the policy allows impersonation."', [{ impersonationRuleId: 'all', effect: ALLOW }, { impersonationRuleId: 'not-alice', effect: DENY, targetUsers: [ALICE] }], BOB, ALLOW, ['all']],
    ['"If no rule applies, impersonation is denied." (targetUsers lists someone else)', [{ impersonationRuleId: 'bob', effect: ALLOW, targetUsers: [BOB] }], ALICE, DENY, []],
    ['"Matches requests that impersonate users other than the selected users" (notTargetUsers)', [{ impersonationRuleId: 'others', effect: ALLOW, notTargetUsers: [BOB] }], ALICE, ALLOW, ['others']],
    ['notTargetUsers excludes the selected users', [{ impersonationRuleId: 'others', effect: ALLOW, notTargetUsers: [BOB] }], BOB, DENY, []],
  ])('%s', (_, rules, target, effect, matchedRules) => {
    expect(evaluateImpersonationRules(rules as ImpersonationRuleDefinition[], target)).toEqual({ effect, matchedRules });
  });
});
