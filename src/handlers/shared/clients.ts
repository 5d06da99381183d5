import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESClient } from '@aws-sdk/client-ses';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { logOperation } from './log';

/**
 * SDK clients, created once per Lambda container and reused by every invocation.
 *
 * WorkMail publishes no request-rate quota and throttles bursts, so the clients retry with the
 * adaptive strategy (client-side rate limiting plus backoff) for up to 10 attempts. Endpoints
 * come from the SDK's standard configuration (`AWS_ENDPOINT_URL_WORKMAIL`, ...), which the
 * tests use to point the real clients at the loopback emulator.
 */
const RETRY = { maxAttempts: 10, retryMode: 'adaptive' } as const;

let workMail: WorkMailClient | undefined;
let kms: KMSClient | undefined;
let ses: SESClient | undefined;
let lambda: LambdaClient | undefined;

export function workMailClient(): WorkMailClient {
  return (workMail ??= observed(new WorkMailClient(RETRY), 'workmail'));
}

export function kmsClient(): KMSClient {
  return (kms ??= observed(new KMSClient(RETRY), 'kms'));
}

/** SES (v1): the identity WorkMail creates for each mail domain, e.g. its MAIL FROM domain. */
export function sesClient(): SESClient {
  return (ses ??= observed(new SESClient(RETRY), 'ses'));
}

/**
 * The email flow engine calls Run Lambda functions inside WorkMail's 15-second budget: a few
 * standard retries, cut short by the caller's abort signal.
 */
export function lambdaClient(): LambdaClient {
  return (lambda ??= observed(new LambdaClient({ maxAttempts: 3 }), 'lambda'));
}

interface MiddlewareClient {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>,
      options: { step: 'initialize'; name: string }): void;
  };
}

/**
 * Logs every operation once with its final outcome (after retries), and records the operation
 * name on errors so that `explain` can say which call failed.
 */
function observed<C extends MiddlewareClient>(client: C, service: string): C {
  client.middlewareStack.add((next, context) => async (args) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    try {
      const result = await next(args);
      logOperation(service, operation, 'ok');
      return result;
    } catch (error) {
      logOperation(service, operation, error instanceof Error ? error.name : 'error');
      if (error instanceof Error) {
        Object.assign(error, { operation });
      }
      throw error;
    }
  }, { step: 'initialize', name: 'cdkWorkMailObserve' });
  return client;
}
