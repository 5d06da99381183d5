/** Whether a matching rule allows or denies access. */
export enum AccessEffect {
  /** The rule allows access. */
  ALLOW = 'ALLOW',
  /** The rule denies access; a matching DENY rule always wins. */
  DENY = 'DENY',
}

/** A rule as every WorkMail evaluator sees it: an effect and whether its conditions all hold. */
export interface EvaluatedRule<R> {
  readonly rule: R;
  readonly effect: AccessEffect;
}

/** The outcome of evaluating rules: the effect and the rules that produced it. */
export interface RuleVerdict<R> {
  readonly effect: AccessEffect;
  /** The matching rules of the winning effect, in definition order. */
  readonly matched: R[];
}

/**
 * WorkMail's one decision procedure, shared by access control rules, impersonation roles and
 * mobile device access rules: any matching DENY rule denies; otherwise any matching ALLOW rule
 * allows; when no rule matches, access is denied.
 */
export function decide<R>(matching: ReadonlyArray<EvaluatedRule<R>>): RuleVerdict<R> {
  const denying = matching.filter((m) => m.effect === AccessEffect.DENY);
  if (denying.length > 0) {
    return { effect: AccessEffect.DENY, matched: denying.map((m) => m.rule) };
  }
  const allowing = matching.filter((m) => m.effect === AccessEffect.ALLOW);
  return { effect: allowing.length > 0 ? AccessEffect.ALLOW : AccessEffect.DENY, matched: allowing.map((m) => m.rule) };
}

/** An "include" list condition: absent means "any"; present means the value is listed. */
export function includes<T>(list: readonly T[] | undefined, matches: (entry: T) => boolean): boolean {
  return list === undefined || list.some(matches);
}

/** An "exclude" (Not*) list condition: absent means "any"; present means the value is not listed. */
export function excludes<T>(list: readonly T[] | undefined, matches: (entry: T) => boolean): boolean {
  return list === undefined || !list.some(matches);
}
