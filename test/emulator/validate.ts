/**
 * Checks requests against the service model's input constraints, as the service does before it
 * looks at a request. The SDK checks none of them, so this is where a handler sending a value
 * WorkMail would refuse gets caught.
 */

export interface StringShape {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  /** Not anchored in the model (search semantics): checked here against the whole value. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly sensitive?: boolean;
}

export interface IntegerShape {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: 'boolean';
}

export interface ListShape {
  readonly type: 'list';
  readonly min?: number;
  readonly max?: number;
  readonly member: Shape;
}

export interface StructureShape {
  readonly type: 'structure';
  readonly required: readonly string[];
  readonly members: Readonly<Record<string, Shape>>;
}

export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructureShape;

export interface OperationModel {
  readonly input: StructureShape;
  readonly errors: readonly string[];
}

/** The trimmed model files in `model/`: `{ operations: { <Op>: { input, errors } } }`. */
export interface ServiceModel {
  readonly operations: Readonly<Record<string, OperationModel>>;
}

/**
 * Every constraint the value breaks, in the service's wording
 * (`Value 'x' at 'Path' failed to satisfy constraint: Member must ...`); empty when valid.
 */
export function validate(shape: StructureShape, input: unknown): string[] {
  const violations: string[] = [];
  check(shape, input, '', violations);
  return violations;
}

/** The message of the validation error for `violations`, as the service words it. */
export function validationMessage(violations: readonly string[]): string {
  const count = violations.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

function check(shape: Shape, value: unknown, path: string, violations: string[]): void {
  const fail = (constraint: string): void => {
    violations.push(`Value ${describe(shape, value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  };
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') {
        return fail('be of type string');
      }
      checkLength(shape, [...value].length, fail);
      if (shape.pattern !== undefined && !anchored(shape.pattern).test(value)) {
        fail(`satisfy regular expression pattern: ${shape.pattern}`);
      }
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        fail(`satisfy enum value set: [${shape.enum.join(', ')}]`);
      }
      return;
    case 'integer':
      if (!Number.isInteger(value)) {
        return fail('be of type integer');
      }
      if (shape.min !== undefined && (value as number) < shape.min) {
        fail(`have value greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && (value as number) > shape.max) {
        fail(`have value less than or equal to ${shape.max}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        fail('be of type boolean');
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        return fail('be of type list');
      }
      checkLength(shape, value.length, fail);
      value.forEach((item, index) => check(shape.member, item, `${path}[${index}]`, violations));
      return;
    case 'structure':
      if (!isObject(value)) {
        return fail('be of type structure');
      }
      for (const [name, member] of Object.entries(shape.members)) {
        const memberPath = path === '' ? name : `${path}.${name}`;
        // JSON null and an absent member are the same to the service.
        const memberValue = value[name] ?? undefined;
        if (memberValue !== undefined) {
          check(member, memberValue, memberPath, violations);
        } else if (shape.required.includes(name)) {
          violations.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
        }
      }
      return;
  }
}

function checkLength(shape: StringShape | ListShape, length: number, fail: (constraint: string) => void): void {
  if (shape.min !== undefined && length < shape.min) {
    fail(`have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && length > shape.max) {
    fail(`have length less than or equal to ${shape.max}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(shape: Shape, value: unknown): string {
  if (shape.type === 'string' && shape.sensitive) {
    return "'*** Sensitive Data Redacted ***'";
  }
  return typeof value === 'string' ? `'${value}'` : `'${JSON.stringify(value)}'`;
}

const compiled = new Map<string, RegExp>();

/**
 * The model pattern anchored to the whole value. Unicode mode makes classes match code points, as
 * the service does; model patterns are Java-flavoured, so one that unicode mode rejects (none in
 * the current model files does) is compiled without it rather than failing every request.
 */
function anchored(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const source = `^(?:${pattern})$`;
    try {
      regex = new RegExp(source, 'u');
    } catch {
      regex = new RegExp(source);
    }
    compiled.set(pattern, regex);
  }
  return regex;
}
