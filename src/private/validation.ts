import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ORGANIZATION_ID_PATTERN } from './constants';
import { OWNER_MARKER_LENGTH } from './ownership-properties';

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

/** StartMailboxExportJob's S3BucketName (anchored): within it, every name S3 gives a bucket today. */
const S3_BUCKET_NAME = /^[A-Za-z0-9.-]{1,63}$/;

/**
 * Refuses a bucket name outside the model's pattern: an imported name with an underscore (which
 * aws-cdk-lib accepts for older buckets), or a name with a key prefix. Unresolved names (buckets
 * of the app, whose names aws-cdk-lib checks) are skipped.
 */
export function validateBucketName(scope: IConstruct, property: string, bucketName: string): void {
  if (Token.isUnresolved(bucketName) || S3_BUCKET_NAME.test(bucketName)) {
    return;
  }
  throw invalid(scope, property, bucketName, 'WorkMail and CloudWatch Logs take bucket names of 1-63 letters, digits, dots or hyphens: '
    + 'reference a bucket with such a name by its bare name (s3.Bucket.fromBucketName(this, \'Bucket\', \'my-bucket\')), '
    + 'without a key prefix; a bucket whose name has an underscore cannot be used, so create a new one');
}

export const ORGANIZATION_ALIAS: StringRule = {
  minLength: 1,
  maxLength: 62,
  pattern: /^(?!d-)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/,
  rule: '1-62 letters or digits with single hyphens between them, not starting with "d-" (it becomes <alias>.awsapps.com)',
};

export const ORGANIZATION_ID: StringRule = {
  pattern: ORGANIZATION_ID_PATTERN,
  rule: '"m-" followed by 32 lowercase hexadecimal digits, as shown in the WorkMail console',
};

export const DIRECTORY_ID: StringRule = {
  pattern: /^d-[0-9a-f]{10}$/,
  rule: '"d-" followed by 10 lowercase hexadecimal digits, as shown in the Directory Service console',
};

/** WorkMail user and group ids: a UUID (WorkMail directory) or a SID (Active Directory). */
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

/** An item whose key an earlier item has. */
export interface Duplicate<T> {
  readonly first: T;
  readonly duplicate: T;
  readonly key: string;
}

/**
 * Every item whose key (as `key` gives it) an earlier item has, in one pass; items without a key
 * are skipped. Tokens count: the same token twice is the same value twice. Every "listed twice"
 * check of the library is this one.
 */
export function findDuplicates<T>(items: readonly T[], key: (item: T) => string | undefined): Duplicate<T>[] {
  const seen = new Map<string, T>();
  const duplicates: Duplicate<T>[] = [];
  for (const item of items) {
    const k = key(item);
    if (k === undefined) {
      continue;
    }
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, item);
    } else {
      duplicates.push({ first, duplicate: item, key: k });
    }
  }
  return duplicates;
}

/**
 * Throws when a list names the same value twice (compared as `key` gives it), naming the value
 * and what to list once.
 */
export function validateDistinct(scope: IConstruct, property: string, values: readonly string[], key: (value: string) => string = (v) => v): void {
  const [found] = findDuplicates(values, key);
  if (found) {
    throw invalid(scope, property, found.duplicate, `it is listed twice: list each ${property.replace(/s$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} once`);
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

/** Size limits of a list property, in WorkMail's terms. */
export interface ListRule {
  readonly maxItems: number;
  /** What the items are, for the error message, e.g. "IPv4 CIDR ranges". */
  readonly items: string;
}

/**
 * Validates a list property: when given, it has 1 to `maxItems` distinct items (an empty list
 * would match nothing, so omit it instead), and each item follows `item`. Unresolved lists and
 * items are skipped.
 */
export function validateList(
  scope: IConstruct,
  property: string,
  values: readonly string[] | undefined,
  rule: ListRule,
  item?: StringRule,
): void {
  if (values === undefined || Token.isUnresolved(values)) {
    return;
  }
  if (values.length === 0) {
    throw invalid(scope, property, values, `an empty list matches nothing: omit ${property} to leave it out of the rule`);
  }
  if (values.length > rule.maxItems) {
    throw invalid(scope, property, values, `WorkMail takes at most ${rule.maxItems} ${rule.items} here, got ${values.length}: remove some`);
  }
  const [found] = findDuplicates(values, (value) => Token.isUnresolved(value) ? undefined : value);
  if (found) {
    throw invalid(scope, property, values, `${found.key} is listed twice: list it once`);
  }
  if (item) {
    values.forEach((value, i) => validateString(scope, `${property}[${i}]`, value, item));
  }
}

const NAME_CHARACTERS = /^[a-zA-Z0-9_-]+$/;

/** Access control rule names, impersonation rule ids. */
export const RULE_NAME: StringRule = {
  minLength: 1,
  maxLength: 64,
  pattern: NAME_CHARACTERS,
  rule: '1-64 letters, digits, "_" or "-"',
};

/** WorkMail takes 255 characters; the handler appends its owner marker (DESIGN.md §8). */
export const ACCESS_CONTROL_RULE_DESCRIPTION: StringRule = {
  minLength: 1,
  maxLength: 255 - OWNER_MARKER_LENGTH,
  pattern: /^[\u0020-\u00FF]+$/,
  rule: `1-${255 - OWNER_MARKER_LENGTH} printable Latin-1 characters (no line breaks or tabs; WorkMail's 255 less the owner marker cdk-workmail appends)`,
};

export const IPV4_CIDR: StringRule = {
  pattern: /^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])\/(3[0-2]|[12][0-9]|[0-9])$/,
  rule: 'an IPv4 CIDR range such as 192.0.2.0/24 (WorkMail rules take no IPv6)',
};

/** Impersonation role and rule names. */
export const IMPERSONATION_NAME: StringRule = {
  minLength: 1,
  maxLength: 64,
  pattern: /^[^\x00-\x1F\x7F<>\\]+$/,
  rule: '1-64 characters without control characters, "<", ">" or "\\"',
};

export const IMPERSONATION_DESCRIPTION: StringRule = {
  minLength: 1,
  maxLength: 256,
  pattern: /^[^\x00-\x09\x0B\x0C\x0E-\x1F\x7F<>\\]+$/,
  rule: '1-256 characters without tabs, control characters other than line breaks, "<", ">" or "\\"',
};

/** Mobile device access rule names. */
export const MOBILE_RULE_NAME: StringRule = {
  minLength: 1,
  maxLength: 64,
  rule: '1-64 characters',
};

/** Descriptions of mobile device access rules. */
export const MOBILE_DESCRIPTION: StringRule = {
  minLength: 1,
  maxLength: 256,
  rule: '1-256 characters',
};

/** Descriptions of mobile device access overrides: the handler appends its owner marker. */
export const OVERRIDE_DESCRIPTION: StringRule = {
  minLength: 1,
  maxLength: 256 - OWNER_MARKER_LENGTH,
  rule: `1-${256 - OWNER_MARKER_LENGTH} characters (WorkMail's 256 less the owner marker cdk-workmail appends)`,
};

/** Retention policy descriptions, which may be empty. */
export const RETENTION_DESCRIPTION: StringRule = {
  maxLength: 256 - OWNER_MARKER_LENGTH,
  rule: `at most ${256 - OWNER_MARKER_LENGTH} characters (WorkMail's 256 less the owner marker cdk-workmail appends)`,
};

/** Device types, models, operating systems and user agents in mobile rule conditions. */
export const DEVICE_PROPERTY: StringRule = {
  minLength: 1,
  maxLength: 256,
  pattern: /^[\u0020-\u00FF]+$/,
  rule: '1-256 printable Latin-1 characters; a case-insensitive prefix, or $NONE for devices that do not report the field',
};

export const DEVICE_ID: StringRule = {
  minLength: 1,
  maxLength: 32,
  pattern: /^[A-Za-z0-9]+$/,
  rule: '1-32 letters or digits, as shown in the mobile device details of the WorkMail console',
};

/**
 * User and group ids (the model's WorkMailIdentifier: 12-256 characters). Ids never hold "@",
 * so an email address, the usual mistake, is refused.
 */
export const ENTITY_ID: StringRule = {
  minLength: 12,
  maxLength: 256,
  pattern: /^[a-zA-Z0-9._%+-]+$/,
  rule: 'a WorkMail user or group id as the console shows it (12-256 characters, e.g. 12345678-1234-1234-1234-123456789012, or S-1-1-12-... in AD organizations), not a name or an email address',
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

/**
 * Refuses a value outside an enum (a JavaScript caller can pass any string). Unresolved tokens
 * are skipped.
 */
export function validateEnum(scope: IConstruct, property: string, value: string | undefined, values: Record<string, string>, enumName: string): void {
  if (value === undefined || Token.isUnresolved(value) || Object.values(values).includes(value)) {
    return;
  }
  throw invalid(scope, property, value, `it must be one of ${Object.values(values).join(', ')} (use the ${enumName} enum)`);
}
