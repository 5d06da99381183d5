/**
 * The awsQuery protocol (SES v1): form-encoded requests (`Action=...&Identities.member.1=...`)
 * and XML responses, translated to and from the plain objects the operation handlers use.
 */
import type { OperationInput, OperationOutput } from './operation';

/** The action and its input; `Version` is protocol plumbing and dropped. */
export function parseQuery(body: string): { readonly action?: string; readonly input: OperationInput } {
  const input: Record<string, unknown> = {};
  let action: string | undefined;
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === 'Action') {
      action = value;
    } else if (key !== 'Version') {
      assign(input, key.split('.'), value);
    }
  }
  return { action, input: lists(input) as OperationInput };
}

function assign(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  assign(child, rest, value);
}

/** `{ member: { 1: a, 2: b } }` is the list `[a, b]`. */
function lists(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const object = value as Record<string, unknown>;
  if (Object.keys(object).length === 1 && typeof object.member === 'object' && object.member !== null) {
    const members = object.member as Record<string, unknown>;
    return Object.keys(members).sort((a, b) => Number(a) - Number(b)).map((index) => lists(members[index]));
  }
  return Object.fromEntries(Object.entries(object).map(([key, member]) => [key, lists(member)]));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Objects become elements, arrays `<member>` lists, `Map`s `<entry><key/><value/></entry>` lists. */
function toXml(value: unknown): string {
  if (value instanceof Map) {
    return [...value].map(([key, member]) => `<entry><key>${escape(String(key))}</key><value>${toXml(member)}</value></entry>`).join('');
  }
  if (Array.isArray(value)) {
    return value.map((member) => `<member>${toXml(member)}</member>`).join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => `<${key}>${toXml(member)}</${key}>`)
      .join('');
  }
  return escape(String(value));
}

export function queryResponse(namespace: string, action: string, output: OperationOutput, requestId: string): string {
  return `<${action}Response xmlns="${namespace}"><${action}Result>${toXml(output)}</${action}Result>`
    + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function queryError(namespace: string, code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${escape(code)}</Code>`
    + `<Message>${escape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
