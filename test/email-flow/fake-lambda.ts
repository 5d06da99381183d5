/**
 * A loopback Lambda endpoint for the Invoke API (REST-JSON:
 * `POST /2015-03-31/functions/<FunctionName>/invocations`, `X-Amz-Invocation-Type`), so the rule
 * engine's real `@aws-sdk/client-lambda` calls can be tested. Point clients at it with
 * `AWS_ENDPOINT_URL_LAMBDA` (see `environment`).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

/** What a function does when invoked: answer, throw (a function error), or take its time. */
export type FakeFunction = (event: any) => unknown | Promise<unknown>;

export interface FakeInvocation {
  readonly functionName: string;
  readonly invocationType: string;
  readonly event: any;
}

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];

export class FakeLambda {
  public static async start(): Promise<FakeLambda> {
    const fake = new FakeLambda();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  public readonly invocations: FakeInvocation[] = [];
  /** Answers the next N requests with 429 TooManyRequestsException. */
  public throttleNext = 0;
  private readonly functions = new Map<string, FakeFunction>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  public get environment(): Record<string, string> {
    const { port } = this.server.address() as AddressInfo;
    return {
      AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
  }

  /** Deploys `fn` under `arn`. */
  public define(arn: string, fn: FakeFunction): void {
    this.functions.set(arn, fn);
  }

  public reset(): void {
    this.functions.clear();
    this.invocations.length = 0;
    this.throttleNext = 0;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const match = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?.*)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      return error(res, 404, 'UnknownOperationException', `no such operation: ${req.method} ${req.url}`);
    }
    const functionName = decodeURIComponent(match[1]);
    const invocationType = (req.headers['x-amz-invocation-type'] as string | undefined) ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(invocationType)) {
      return error(res, 400, 'InvalidParameterValueException', `invalid invocation type ${invocationType}`);
    }
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return error(res, 429, 'TooManyRequestsException', 'Rate exceeded');
    }
    const fn = this.functions.get(functionName);
    if (!fn) {
      return error(res, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
    }
    let event: unknown;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return error(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    this.invocations.push({ functionName, invocationType, event });
    if (invocationType === 'Event') {
      res.writeHead(202).end();
      void Promise.resolve().then(() => fn(event)).catch(() => undefined);
      return;
    }
    try {
      const result = await fn(event);
      if (!res.destroyed) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }).end(JSON.stringify(result ?? null));
      }
    } catch (failure) {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
        .end(JSON.stringify({ errorType: 'Error', errorMessage: (failure as Error).message }));
    }
  }
}

function error(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type }).end(JSON.stringify({ Type: 'User', message }));
}
