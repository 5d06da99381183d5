/**
 * CloudFormation turns every scalar property into a string: `true` arrives as `"true"`.
 * These parsers accept both forms and reject anything else loudly.
 */
export function parseBoolean(name: string, value: unknown, defaultValue: boolean): boolean {
  if (value === undefined || value === '') {
    return defaultValue;
  }
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw new Error(`Property ${name} must be true or false, got ${JSON.stringify(value)}.`);
}

export function parseNumber(name: string, value: unknown, defaultValue: number): number {
  if (value === undefined || value === '') {
    return defaultValue;
  }
  const parsed = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(parsed)) {
    throw new Error(`Property ${name} must be a number, got ${JSON.stringify(value)}.`);
  }
  return parsed;
}
