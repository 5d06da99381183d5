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

/** WorkMail user and group ids: a UUID (WorkMail directory) or a SID (Active Directory). */
export const ENTITY_ID: StringRule = {
  pattern: /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|S-1-[0-9-]+)$/,
  rule: 'a WorkMail user or group id: a UUID such as 12345678-1234-1234-1234-123456789012 (or an S-1-... SID in AD organizations), as the console shows it',
};

export const USER_NAME: StringRule = {
  minLength: 1,
  maxLength: 64,
  pattern: /^[\w\-.]+(?:@[a-zA-Z0-9.-]+\.[a-zA-Z0-9-]{2,})?$/,
  rule: '1-64 letters, digits, "_", "-" or ".", optionally followed by @domain (WorkMail user names are login names)',
};

export const GROUP_NAME: StringRule = {
  minLength: 1,
  maxLength: 256,
  pattern: /^[\u0020-\u00FF]+$/,
  rule: '1-256 characters of Basic Latin or Latin-1 (letters, digits, spaces, punctuation)',
};

export const EMAIL_ADDRESS: StringRule = {
  minLength: 1,
  maxLength: 254,
  pattern: /^[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\.[a-zA-Z-]{2,}$/,
  rule: 'an email address of at most 254 characters: 1-64 of letters, digits and . _ % + - before the @, a domain with a top-level part of 2+ letters after it',
};

/** Display name and the other UpdateUser attributes. */
export const USER_ATTRIBUTE: StringRule = {
  maxLength: 256,
  rule: 'at most 256 characters',
};

/**
 * Throws when a list names the same value twice (compared as `key` gives it). Tokens count
 * too: the same token twice is the same value twice.
 */
export function validateUnique(scope: IConstruct, property: string, values: readonly string[], key: (value: string) => string = (v) => v): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(key(value))) {
      throw invalid(scope, property, value, `it is listed twice: list each ${property.replace(/s$/, '')} once`);
    }
    seen.add(key(value));
  }
}

export const RESOURCE_ID: StringRule = {
  pattern: /^r-[0-9a-f]{32}$/,
  rule: '"r-" followed by 32 lowercase hexadecimal digits, as the WorkMail console shows it',
};

export const RESOURCE_NAME: StringRule = {
  minLength: 1,
  maxLength: 20,
  pattern: /^[\w\-.]+(?:@[a-zA-Z0-9.-]+\.[a-zA-Z0-9-]{2,})?$/,
  rule: '1-20 letters, digits, "_", "-" or "." (optionally followed by @domain)',
};

export const RESOURCE_DESCRIPTION: StringRule = {
  minLength: 1,
  maxLength: 64,
  rule: '1-64 characters',
};

/** The external domain of an availability configuration (the model allows 3-255). */
export const AVAILABILITY_DOMAIN: StringRule = {
  minLength: 3,
  maxLength: 255,
  pattern: /^[a-zA-Z0-9.-]+$/,
  rule: 'a domain name of 3-255 letters, digits, dots and hyphens',
};

export const EWS_ENDPOINT: StringRule = {
  maxLength: 256,
  pattern: /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]+)?\/.*$/,
  rule: 'an http(s) URL of at most 256 characters with a path, such as https://mail.example.com/EWS/Exchange.asmx',
};

export const EWS_USERNAME: StringRule = {
  minLength: 1,
  maxLength: 256,
  pattern: /^[\u0020-\u00FF]+$/,
  rule: '1-256 Basic Latin or Latin-1 characters',
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
