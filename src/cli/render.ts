/** TypeScript literals for generated code: readable, and the same text for the same value. */

/** Code written as is, e.g. an enum member or a variable. */
export class Code {
  constructor(public readonly text: string) {}
}

export const code = (text: string) => new Code(text);

/** A single-quoted string literal. */
export function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, '\\\'')}'`;
}

const MAX_LINE = 100;

/**
 * `value` as a TypeScript expression at `indent` spaces: objects and long arrays one member per
 * line, undefined members left out, keys quoted only when they must be.
 */
export function literal(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent + 2);
  if (value instanceof Code) {
    return value.text;
  }
  if (typeof value === 'string') {
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item, indent + 2));
    const oneLine = `[${items.join(', ')}]`;
    if (oneLine.length + indent <= MAX_LINE && !oneLine.includes('\n')) {
      return oneLine;
    }
    return `[\n${items.map((item) => `${pad}${item},\n`).join('')}${' '.repeat(indent)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    if (members.length === 0) {
      return '{}';
    }
    const key = (name: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
    // `{ organization: organization }` is written `{ organization }`.
    const member = ([name, item]: [string, unknown]) => item instanceof Code && item.text === name ? name : `${key(name)}: ${literal(item, indent + 2)}`;
    return `{\n${members.map((entry) => `${pad}${member(entry)},\n`).join('')}${' '.repeat(indent)}}`;
  }
  throw new Error(`no literal for ${String(value)}`);
}

/** A `//` comment of one or more lines at `indent`, each line wrapped at word boundaries. */
export function comment(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  // A line terminator inside a // comment would end it: only \n separates lines.
  for (const paragraph of text.replace(/[\r\u2028\u2029]/g, ' ').split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && pad.length + 3 + line.length + 1 + word.length > MAX_LINE) {
        lines.push(line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
  }
  return lines.map((line) => `${pad}//${line === '' ? '' : ` ${line}`}\n`).join('');
}
