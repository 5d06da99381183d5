import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A rule for a string property, with the words an error message needs. */
export interface StringRule {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Anchored pattern the whole value must match. */
  readonly pattern?: RegExp;
  /** The rule in plain words, e.g. "1-62 letters or digits, with single hyphens inside". */
  readonly rule: string;
}

/**
 * Throws an error naming the construct, the property, the value and the rule when `value`
 * breaks `rule`. Unresolved tokens are skipped: their value is only known at deploy time.
 * Lengths count Unicode code points, as WorkMail does.
 */
export function validateString(scope: IConstruct, property: string, value: string | undefined, rule: StringRule): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  const length = [...value].length;
  const broken = (rule.minLength !== undefined && length < rule.minLength)
    || (rule.maxLength !== undefined && length > rule.maxLength)
    || (rule.pattern !== undefined && !rule.pattern.test(value));
  if (broken) {
    throw invalid(scope, property, value, `it must be ${rule.rule}`);
  }
}

/** An error in the library's format: construct path, property, value, then what to do. */
export function invalid(scope: IConstruct, property: string, value: unknown, fix: string): Error {
  return new Error(`${scope.node.path}: invalid ${property} ${JSON.stringify(value)}: ${fix}.`);
}

export const ORGANIZATION_ALIAS: StringRule = {
  minLength: 1,
  maxLength: 62,
  pattern: /^(?!d-)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/,
  rule: '1-62 letters or digits with single hyphens between them, not starting with "d-" (it becomes <alias>.awsapps.com)',
};

export const ORGANIZATION_ID: StringRule = {
  pattern: /^m-[0-9a-f]{32}$/,
  rule: '"m-" followed by 32 lowercase hexadecimal digits, as shown in the WorkMail console',
};

export const DIRECTORY_ID: StringRule = {
  pattern: /^d-[0-9a-f]{10}$/,
  rule: '"d-" followed by 10 lowercase hexadecimal digits, as shown in the Directory Service console',
};

/**
 * Rule names are the engine's own (WorkMail never sees them): they name the deciding rule in
 * decisions and logs.
 */
export const FLOW_RULE_NAME: StringRule = {
  minLength: 1,
  maxLength: 100,
  pattern: /^[^\p{Cc}]+$/u,
  rule: '1-100 characters without control characters',
};

/**
 * A bounce message travels as `parameters.bounceMessage` and becomes a line of the bounce email:
 * at most 998 characters (RFC 5321's line limit), no line breaks or other control characters.
 */
export const BOUNCE_MESSAGE: StringRule = {
  minLength: 1,
  maxLength: 998,
  pattern: /^[^\p{Cc}]+$/u,
  rule: '1-998 characters on one line, without control characters (it becomes a line of the bounce email)',
};
