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
 * A mail domain as RegisterMailDomain takes it: at most 209 characters (the model's limit), ASCII
 * letters, digits and hyphens in dot-separated labels of 1-63 characters that neither start nor
 * end with a hyphen, at least two labels.
 */
export const MAIL_DOMAIN_NAME: StringRule = {
  minLength: 3,
  maxLength: 209,
  pattern: /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
  rule: '3-209 ASCII characters: letters, digits and hyphens in labels of 1-63 characters separated by single dots, '
    + 'at least two labels, no label starting or ending with a hyphen, no leading or trailing dot (e.g. example.com)',
};
