import { randomUUID } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { OperationInput, OperationOutput, ServiceError } from './operation';
import { parseQuery, queryError, queryResponse } from './query';
import { handleS3, s3ErrorReply, S3Error, s3Operation, S3Reply, S3Request } from './s3';
import { EmulatedService, ServiceName, SERVICES } from './services';
import type { EmulatorContext } from './state';
import { validate, validationMessage } from './validate';

export type FaultKind = 'throttle' | 'server-error' | 'not-found' | 'lost-answer';

/** Makes the next `count` matching requests fail before the service looks at them. */
export interface Fault {
  /**
   * - `throttle`: HTTP 400 `ThrottlingException` (the SDK retries it);
   * - `server-error`: HTTP 500 `InternalServerError`, or 503 when `errorName` is `ServiceUnavailable` (retried too);
   * - `not-found`: HTTP 400 `errorName`, as a read just after a write sees on an eventually consistent service;
   * - `lost-answer`: the service does the operation, then the caller gets HTTP 503 `ServiceUnavailable`, as when
   *   an answer is lost on the way back (the SDK retries it, and the retry meets what the first attempt did).
   */
  readonly kind: FaultKind;
  /** Only requests for this operation (e.g. `DescribeOrganization`). @default every operation */
  readonly operation?: string;
  readonly count: number;
  /** @default 'ThrottlingException', 'InternalServerError' or 'OrganizationNotFoundException' by kind */
  readonly errorName?: string;
}

/**
 * Refuses requests beyond a sustained rate with `ThrottlingException`, as a service's request
 * quota does: a token bucket per operation that holds `perSecond` tokens and refills at that rate.
 */
export interface RateLimit {
  readonly perSecond: number;
  /** Only this operation. @default every operation, each with its own bucket */
  readonly operation?: string;
  /** Milliseconds. @default Date.now */
  readonly clock?: () => number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** A request the endpoint received, in arrival order. */
export interface RecordedCall {
  readonly service: ServiceName;
  readonly operation: string;
  readonly input: OperationInput;
  /** The error name answered, when the request failed. */
  error?: string;
}

const FAULT_ERRORS: Readonly<Record<FaultKind, { readonly name: string; readonly message: string }>> = {
  'throttle': { name: 'ThrottlingException', message: 'Rate exceeded' },
  'server-error': { name: 'InternalServerError', message: 'Injected server fault' },
  'not-found': { name: 'OrganizationNotFoundException', message: 'Injected fault: the resource is not visible yet' },
  'lost-answer': { name: 'ServiceUnavailable', message: 'Injected fault: the operation was done, its answer lost' },
};

function faultError(fault: Fault): ServiceError {
  const { name: defaultName, message } = FAULT_ERRORS[fault.kind];
  const name = fault.errorName ?? defaultName;
  if (fault.kind !== 'server-error' && fault.kind !== 'lost-answer') {
    return new ServiceError(name, message);
  }
  return new ServiceError(name, message, name === 'ServiceUnavailable' ? 503 : 500);
}

interface Reply {
  readonly status: number;
  readonly body: object;
}

/** A reply as it goes on the wire. */
interface WireReply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

function jsonReply(reply: Reply): WireReply {
  return { status: reply.status, contentType: 'application/x-amz-json-1.1', text: JSON.stringify(reply.body) };
}

function errorReply(error: ServiceError): Reply {
  return { status: error.statusCode, body: { __type: error.name, Message: error.message } };
}

/** The loopback HTTP endpoint: awsJson1_1 for every service in `SERVICES`. */
export class EmulatorServer {
  public static async start(context: () => EmulatorContext): Promise<EmulatorServer> {
    const emulatorServer = new EmulatorServer(context);
    await new Promise<void>((resolve, reject) => {
      emulatorServer.server.once('error', reject);
      // Loopback only: the emulator must never be reachable from another host.
      emulatorServer.server.listen(0, '127.0.0.1', resolve);
    });
    return emulatorServer;
  }

  public readonly calls: RecordedCall[] = [];
  private readonly server: Server;
  private faults: Array<{ readonly fault: Fault; remaining: number }> = [];
  private rateLimit: RateLimit | undefined;
  private readonly buckets = new Map<string, Bucket>();

  private constructor(private readonly context: () => EmulatorContext) {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public injectFault(fault: Fault): void {
    if (!Number.isInteger(fault.count) || fault.count < 1) {
      throw new Error(`a fault needs a positive integer count, got ${fault.count}`);
    }
    this.faults.push({ fault, remaining: fault.count });
  }

  public limitRate(rateLimit: RateLimit): void {
    if (!(rateLimit.perSecond > 0)) {
      throw new Error(`a rate limit needs a positive rate, got ${rateLimit.perSecond}`);
    }
    this.rateLimit = rateLimit;
    this.buckets.clear();
  }

  /** Forgets recorded calls, pending faults and the rate limit. */
  public clear(): void {
    this.calls.length = 0;
    this.faults = [];
    this.rateLimit = undefined;
    this.buckets.clear();
  }

  public async stop(): Promise<void> {
    // The SDK keeps connections alive; close them or close() waits for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const requestId = randomUUID();
      const target = request.headers['x-amz-target'];
      // S3 (REST, path-style) requests carry neither a target header nor a form body.
      if (target === undefined && !body.startsWith('Action=')) {
        const reply = this.dispatchS3({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: raw });
        response.writeHead(reply.status, { ...reply.headers, 'x-amz-request-id': requestId });
        response.end(reply.body);
        return;
      }
      // awsQuery requests (SES v1) carry no target header: the action is in the form body.
      const { contentType, text, status } = target === undefined && body.startsWith('Action=')
        ? this.dispatchQuery(body, requestId)
        : jsonReply(this.dispatch(target, body));
      response.writeHead(status, {
        'Content-Type': contentType,
        'Content-Length': Buffer.byteLength(text),
        'x-amzn-RequestId': requestId,
      });
      response.end(text);
    });
  }

  private dispatch(target: string | string[] | undefined, body: string): Reply {
    const [prefix, operation] = String(target).split('.');
    const service = SERVICES.find((s) => s.protocol === 'json' && s.targetPrefix === prefix);
    if (service === undefined || operation === undefined) {
      return errorReply(new ServiceError('UnknownOperationException', `No emulated service answers X-Amz-Target '${target}'.`));
    }
    const input = parseBody(body);
    if (input === undefined) {
      return errorReply(new ServiceError('SerializationException', 'The request body is not a JSON object.'));
    }
    return this.call(service, operation, input);
  }

  private dispatchQuery(body: string, requestId: string): WireReply {
    const { action, input } = parseQuery(body);
    const service = SERVICES.find((s) => s.protocol === 'query' && action !== undefined && action in s.model.operations);
    const reply = service === undefined || action === undefined
      ? errorReply(new ServiceError('InvalidAction', `No emulated service answers Action '${action}'.`))
      : this.call(service, action, input);
    const namespace = service?.xmlNamespace ?? '';
    const text = reply.status === 200
      ? queryResponse(namespace, action!, reply.body as OperationOutput, requestId)
      : queryError(namespace, (reply.body as { __type: string }).__type, (reply.body as { Message: string }).Message, requestId);
    return { status: reply.status, contentType: 'text/xml', text };
  }

  /** Records an S3 call and runs it; faults answer with S3's own error names (`SlowDown` for throttling). */
  private dispatchS3(request: S3Request): S3Reply {
    const { operation, bucket, key } = s3Operation(request);
    const call: RecordedCall = { service: 's3', operation, input: { Bucket: bucket, Key: key } };
    this.calls.push(call);
    try {
      const fault = this.takeFault(operation);
      if (fault !== undefined) {
        throw fault.kind === 'throttle' ? new S3Error('SlowDown', 'Please reduce your request rate.', 503)
          : new S3Error(fault.errorName ?? 'InternalError', 'Injected fault', fault.kind === 'not-found' ? 404 : 500);
      }
      return handleS3(request, this.context());
    } catch (e) {
      const error = e instanceof S3Error ? e : new S3Error('InternalError', `The emulator failed in ${operation}: ${String(e)}`, 500);
      call.error = error.code;
      return s3ErrorReply(error);
    }
  }

  /** Records the call and runs it; service errors become error replies. */
  private call(service: EmulatedService, operation: string, input: OperationInput): Reply {
    const call: RecordedCall = { service: service.name, operation, input };
    this.calls.push(call);
    try {
      return { status: 200, body: this.invoke(service, operation, input) };
    } catch (e) {
      const error = e instanceof ServiceError ? e : new ServiceError('InternalFailure', `The emulator failed in ${operation}: ${String(e)}`, 500);
      call.error = error.name;
      return errorReply(error);
    }
  }

  private invoke(service: EmulatedService, operation: string, input: OperationInput): OperationOutput {
    const fault = this.takeFault(operation);
    const refusal = fault?.kind === 'lost-answer' ? undefined : (fault && faultError(fault)) ?? this.overRate(operation);
    if (refusal !== undefined) {
      throw refusal;
    }
    const model = service.model.operations[operation];
    if (model === undefined) {
      throw new ServiceError('UnknownOperationException', `${operation} is not an operation of ${service.targetPrefix}.`);
    }
    const violations = validate(model.input, input);
    if (violations.length > 0) {
      throw new ServiceError(service.validationError, validationMessage(violations));
    }
    const handler = service.operations[operation];
    if (handler === undefined) {
      throw new ServiceError('UnknownOperationException',
        `The emulator does not implement ${service.targetPrefix}.${operation} yet: add it to an operation table in test/emulator.`);
    }
    const output = handler(input, this.context());
    if (fault?.kind === 'lost-answer') {
      throw faultError(fault);
    }
    return output;
  }

  /** Takes a token from the operation's bucket, or the throttling error when it is empty. */
  private overRate(operation: string): ServiceError | undefined {
    const limit = this.rateLimit;
    if (limit === undefined || (limit.operation !== undefined && limit.operation !== operation)) {
      return undefined;
    }
    const now = (limit.clock ?? Date.now)();
    const bucket = this.buckets.get(operation) ?? { tokens: limit.perSecond, refilledAt: now };
    bucket.tokens = Math.min(limit.perSecond, bucket.tokens + ((now - bucket.refilledAt) / 1000) * limit.perSecond);
    bucket.refilledAt = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) {
      return faultError({ kind: 'throttle', count: 1 });
    }
    bucket.tokens -= 1;
    return undefined;
  }

  /** The first pending fault that matches, consuming one of its requests. */
  private takeFault(operation: string): Fault | undefined {
    const pending = this.faults.find(({ fault }) => fault.operation === undefined || fault.operation === operation);
    if (pending === undefined) {
      return undefined;
    }
    pending.remaining -= 1;
    if (pending.remaining === 0) {
      this.faults = this.faults.filter((f) => f !== pending);
    }
    return pending.fault;
  }
}

function parseBody(body: string): OperationInput | undefined {
  try {
    const parsed: unknown = JSON.parse(body === '' ? '{}' : body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as OperationInput : undefined;
  } catch {
    return undefined;
  }
}
