import type * as Kms from '@aws-sdk/client-kms';
import type * as Lambda from '@aws-sdk/client-lambda';
import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import type * as Ses from '@aws-sdk/client-ses';
import type * as WorkMail from '@aws-sdk/client-workmail';
import { logOperation } from './log';
import { boundedRetry } from './retry';

/**
 * SDK clients, created once per Lambda container and reused by every invocation. They retry
 * with `BoundedRetryStrategy` (see retry.ts for why), except Lambda's.
 *
 * Each SDK package is loaded on first use rather than with the bundle: loading one costs tens of
 * milliseconds of cold start, and most resource types call only WorkMail (the email flow engine
 * only Lambda). Handlers take commands of the rarer services from `kmsSdk()`, `sesSdk()`, ... for
 * the same reason. Endpoints come from the SDK's standard configuration
 * (`AWS_ENDPOINT_URL_WORKMAIL`, ...), which the tests use to point the real clients at the
 * loopback emulator.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const kmsSdk = (): typeof Kms => require('@aws-sdk/client-kms');
export const lambdaSdk = (): typeof Lambda => require('@aws-sdk/client-lambda');
export const secretsManagerSdk = (): typeof SecretsManager => require('@aws-sdk/client-secrets-manager');
export const sesSdk = (): typeof Ses => require('@aws-sdk/client-ses');
const workMailSdk = (): typeof WorkMail => require('@aws-sdk/client-workmail');
/* eslint-enable @typescript-eslint/no-require-imports */

let workMail: WorkMail.WorkMailClient | undefined;
let kms: Kms.KMSClient | undefined;
let ses: Ses.SESClient | undefined;
let secretsManager: SecretsManager.SecretsManagerClient | undefined;
let lambda: Lambda.LambdaClient | undefined;

export function workMailClient(): WorkMail.WorkMailClient {
  return (workMail ??= observed(new (workMailSdk().WorkMailClient)(boundedRetry()), 'workmail'));
}

export function kmsClient(): Kms.KMSClient {
  return (kms ??= observed(new (kmsSdk().KMSClient)(boundedRetry()), 'kms'));
}

/** SES (v1): the identity WorkMail creates for each mail domain, e.g. its MAIL FROM domain. */
export function sesClient(): Ses.SESClient {
  return (ses ??= observed(new (sesSdk().SESClient)(boundedRetry()), 'ses'));
}

/** Password secrets; `readSecretString` logs its one operation itself. */
export function secretsManagerClient(): SecretsManager.SecretsManagerClient {
  return (secretsManager ??= new (secretsManagerSdk().SecretsManagerClient)(boundedRetry()));
}

/**
 * The email flow engine calls Run Lambda functions inside WorkMail's 15-second budget: a few
 * standard retries, cut short by the caller's abort signal.
 */
export function lambdaClient(): Lambda.LambdaClient {
  return (lambda ??= observed(new (lambdaSdk().LambdaClient)({ maxAttempts: 3 }), 'lambda'));
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
