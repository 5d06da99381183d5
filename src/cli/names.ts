/**
 * Construct ids and variable names for generated code, derived from WorkMail names: valid
 * identifiers, unique, and the same on every run for the same organization.
 */
import { createHash } from 'crypto';
import { compare } from './read';

/** Letters and digits of `name` in PascalCase; accents dropped, everything else separates words. */
export function pascalCase(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** 8 hexadecimal digits of the name's SHA-256: a short stable tag for names without Latin letters, and for placing entities. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** Ids the generated stacks or the library use themselves. */
const RESERVED_IDS = /^(Organization|Imported|CdkWorkMail.*|WorkMailOrganization.*)$/;

/** A request for an id: `word` names the kind (`User`, `Group`...) and prefixes ids that need it. */
export interface IdRequest {
  /** Unique among requests, e.g. `user:alice`; orders the duplicates. */
  readonly key: string;
  readonly name: string;
  readonly word: string;
  /** Appended to the id, e.g. `Group`. @default '' */
  readonly suffix?: string;
}

/**
 * Gives every request a construct id: `pascalCase(name) + suffix`, prefixed with `word` when it
 * would start with a digit, be reserved, or be empty (then the name's hash stands in). Requests
 * whose ids collide are ordered by key; the first keeps the id, the next get `2`, `3`, ...
 * Independent of the order of `requests`.
 */
export function allocateIds(requests: readonly IdRequest[]): Map<string, string> {
  const byBase = new Map<string, IdRequest[]>();
  for (const request of requests) {
    const words = pascalCase(request.name);
    let base = `${words || shortHash(request.name)}${request.suffix ?? ''}`;
    if (!/^[A-Za-z]/.test(base) || RESERVED_IDS.test(base) || words === '') {
      base = `${request.word}${base}`;
    }
    byBase.set(base, [...byBase.get(base) ?? [], request]);
  }
  const taken = new Set(byBase.keys());
  const ids = new Map<string, string>();
  for (const base of [...byBase.keys()].sort(compare)) {
    const [first, ...others] = byBase.get(base)!.sort((a, b) => compare(a.key, b.key));
    ids.set(first.key, base);
    let n = 2;
    for (const request of others) {
      while (taken.has(`${base}${n}`)) {
        n++;
      }
      taken.add(`${base}${n}`);
      ids.set(request.key, `${base}${n}`);
    }
  }
  return ids;
}

/** Words a generated variable must not be: the language's, and the names the generated files use. */
const RESERVED_WORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async',
  'arguments', 'eval', 'undefined', 'scope', 'id', 'props', 'organization', 'imported', 'workmail', 'cdk',
  'iam', 'lambda', 'logs', 'secretsmanager', 'constructs',
]);

/** The variable for construct id `id` (itself an identifier): lower camel case, never a reserved word. */
export function variableName(id: string): string {
  const name = id[0].toLowerCase() + id.slice(1);
  // Ids hold letters and digits only, so no other id gives the underscored name.
  return RESERVED_WORDS.has(name) ? `${name}_` : name;
}
