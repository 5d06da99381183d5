import type { EmulatorContext } from './state';

/** A modeled service error: answered as HTTP `statusCode` with `{"__type": name, "Message": message}`. */
export class ServiceError extends Error {
  constructor(name: string, message: string, public readonly statusCode: number = 400) {
    super(message);
    this.name = name;
  }
}

/** A request body after model validation; handlers see it through their own input interface. */
export type OperationInput = Readonly<Record<string, unknown>>;

/** A response body: members left `undefined` are omitted on the wire. */
export type OperationOutput = Record<string, unknown>;

export type OperationHandler = (input: OperationInput, ctx: EmulatorContext) => OperationOutput;

/** Operation name (as in `X-Amz-Target`) to its handler. */
export type OperationTable = Readonly<Record<string, OperationHandler>>;

/**
 * Types a handler by its input interface. The cast is sound because the server validates every
 * request against the operation's model (required members, types, constraints) before the handler runs.
 */
export function operation<I>(handler: (input: I, ctx: EmulatorContext) => OperationOutput): OperationHandler {
  return (input, ctx) => handler(input as I, ctx);
}

/** JSON 1.1 timestamps are epoch seconds. */
export function epochSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime() / 1000;
}
