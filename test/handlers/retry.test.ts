import { CreateUserCommand, ListOrganizationsCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import type { RetryErrorInfo, RetryErrorType, RetryToken } from '@smithy/types';
import { BoundedRetryStrategy, HANDLER_RETRY_POLICY, isThrottling, RetryPolicy, retryUntil } from '../../src/handlers/shared/retry';
import { WorkMailEmulator } from '../emulator';

const POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000, maxTotalDelayMs: 60_000 };

/** A strategy whose sleeps are recorded instead of waited, with a fixed jitter draw. */
function strategy(policy: Partial<RetryPolicy> = {}, random = () => 0.5) {
  const sleeps: number[] = [];
  const retry = new BoundedRetryStrategy({
    ...POLICY,
    ...policy,
    random,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { retry, sleeps };
}

function failure(name: string, errorType: RetryErrorType): RetryErrorInfo {
  return { errorType, error: { name, message: name, $metadata: {} } };
}

/** Refreshes the token after each failure until the strategy gives up; returns the retries allowed. */
async function retriesAllowed(retry: BoundedRetryStrategy, info: RetryErrorInfo): Promise<{ retries: number; thrown: unknown }> {
  let token: RetryToken = await retry.acquireInitialRetryToken();
  for (;;) {
    try {
      token = await retry.refreshRetryTokenForRetry(token, info);
    } catch (thrown) {
      return { retries: token.getRetryCount(), thrown };
    }
  }
}

describe('BoundedRetryStrategy', () => {
  test.each([
    ['ThrottlingException', 'THROTTLING'],
    ['TooManyRequestsException', 'THROTTLING'],
    ['Throttling', 'THROTTLING'],
    ['ServiceUnavailable', 'TRANSIENT'],
    ['TimeoutError', 'TRANSIENT'],
  ] as const)('retries %s until the attempt bound, then gives up with that error', async (name, errorType) => {
    const { retry, sleeps } = strategy();
    const info = failure(name, errorType);

    const { retries, thrown } = await retriesAllowed(retry, info);

    expect(retries).toBe(POLICY.maxAttempts - 1);
    expect(sleeps).toHaveLength(POLICY.maxAttempts - 1);
    expect(thrown).toBe(info.error);
  });

  test.each([
    ['ValidationException', 'CLIENT_ERROR'],
    ['InvalidParameterException', 'CLIENT_ERROR'],
    ['EntityNotFoundException', 'CLIENT_ERROR'],
    ['EntityStateException', 'CLIENT_ERROR'],
    ['OrganizationStateException', 'CLIENT_ERROR'],
    // A server error other than 500, 502, 503, 504: a create without client token may have succeeded.
    ['NotImplemented', 'SERVER_ERROR'],
    // A resource quota (users, domains, rules), which the SDK files under throttling.
    ['LimitExceededException', 'THROTTLING'],
    ['LimitExceeded', 'THROTTLING'],
  ] as const)('never retries %s', async (name, errorType) => {
    const { retry, sleeps } = strategy();
    const info = failure(name, errorType);

    const { retries, thrown } = await retriesAllowed(retry, info);

    expect(retries).toBe(0);
    expect(sleeps).toEqual([]);
    expect(thrown).toBe(info.error);
  });

  test('backs off exponentially from the base, capped, with full jitter', async () => {
    const almostOne = strategy({}, () => 0.999999);
    await retriesAllowed(almostOne.retry, failure('ThrottlingException', 'THROTTLING'));
    // Caps: 100, 200, 400, 800, then 1,000.
    expect(almostOne.sleeps).toEqual([99, 199, 399, 799, 999]);

    const zero = strategy({}, () => 0);
    await retriesAllowed(zero.retry, failure('ThrottlingException', 'THROTTLING'));
    expect(zero.sleeps).toEqual([0, 0, 0, 0, 0]);
  });

  test('stops when the next backoff would pass the total backoff budget', async () => {
    // Backoffs 99, 199, 399 fit in 700 ms; the next (799) would not.
    const { retry, sleeps } = strategy({ maxTotalDelayMs: 700 }, () => 0.999999);

    const { retries } = await retriesAllowed(retry, failure('ThrottlingException', 'THROTTLING'));

    expect(sleeps).toEqual([99, 199, 399]);
    expect(retries).toBe(3);
  });

  test('starts no backoff past the invocation\'s deadline, and every invocation sets its own', async () => {
    const { retry, sleeps } = strategy({}, () => 0.999999);
    retryUntil(Date.now() + 250);
    try {
      // 99 and 199 ms fit before the deadline; 399 would not.
      expect((await retriesAllowed(retry, failure('ThrottlingException', 'THROTTLING'))).retries).toBeLessThanOrEqual(2);
      retryUntil(undefined);
      expect((await retriesAllowed(retry, failure('ThrottlingException', 'THROTTLING'))).retries).toBe(POLICY.maxAttempts - 1);
    } finally {
      retryUntil(undefined);
    }
    expect(sleeps.length).toBeGreaterThan(POLICY.maxAttempts - 1);
  });

  test('an operation\'s first retry starts from the backoff the invocation\'s last retried operation reached; a new invocation starts afresh', async () => {
    const { retry, sleeps } = strategy({ maxAttempts: 4 }, () => 0.999999);
    const throttled = failure('ThrottlingException', 'THROTTLING');
    try {
      retryUntil(undefined);
      await retriesAllowed(retry, throttled);
      await retriesAllowed(retry, throttled);
      retryUntil(undefined);
      await retriesAllowed(retry, throttled);
    } finally {
      retryUntil(undefined);
    }
    // Caps 100, 200, 400; the second operation starts at 400 (capped at 1,000); the next invocation at 100 again.
    expect(sleeps).toEqual([99, 199, 399, 399, 799, 999, 99, 199, 399]);
  });

  test.each([
    [{ name: 'ThrottlingException' }, true],
    [{ name: 'Throttling' }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }, true],
    [{ name: 'Whatever', $retryable: { throttling: true } }, true],
    [{ name: 'LimitExceededException', $retryable: { throttling: true } }, false],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, false],
    [new Error('socket hang up'), false],
  ])('isThrottling(%j) is %s', (error, expected) => {
    expect(isThrottling(error)).toBe(expected);
  });

  test('has no shared quota: a burst of throttled operations leaves the next one its full budget', async () => {
    const { retry } = strategy();
    const throttled = failure('ThrottlingException', 'THROTTLING');
    for (let operation = 0; operation < 200; operation++) {
      await retriesAllowed(retry, throttled);
    }

    expect((await retriesAllowed(retry, throttled)).retries).toBe(POLICY.maxAttempts - 1);
  });

  test('the handlers\' policy gives up within a quarter of the 5-minute Lambda timeout per operation', async () => {
    const { retry, sleeps } = strategy({ ...HANDLER_RETRY_POLICY }, () => 0.999999);

    await retriesAllowed(retry, failure('ThrottlingException', 'THROTTLING'));

    expect(sleeps.length).toBeLessThanOrEqual(HANDLER_RETRY_POLICY.maxAttempts - 1);
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(75_000);
  });
});

describe('BoundedRetryStrategy in a real SDK client', () => {
  let emulator: WorkMailEmulator;

  beforeAll(async () => {
    emulator = await WorkMailEmulator.start();
  });
  afterAll(async () => emulator.stop());
  beforeEach(() => emulator.reset());

  function client(endpoint = emulator.endpoint) {
    const { retry, sleeps } = strategy();
    const workMail = new WorkMailClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: retry,
    });
    return { workMail, sleeps };
  }

  test('retries throttling until it succeeds', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'ListOrganizations', count: 4 });
    const { workMail, sleeps } = client();

    const output = await workMail.send(new ListOrganizationsCommand({}));

    expect(output.$metadata.attempts).toBe(5);
    expect(sleeps).toHaveLength(4);
    expect(emulator.callsTo('ListOrganizations').map((call) => call.error))
      .toEqual([...Array(4).fill('ThrottlingException'), undefined]);
  });

  test('gives up after the attempt bound with the last throttling error', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'ListOrganizations', count: 50 });
    const { workMail } = client();

    await expect(workMail.send(new ListOrganizationsCommand({})))
      .rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: POLICY.maxAttempts } });
    expect(emulator.callsTo('ListOrganizations')).toHaveLength(POLICY.maxAttempts);
  });

  test('sends a model-invalid request once', async () => {
    const { workMail, sleeps } = client();

    await expect(workMail.send(new CreateUserCommand({ OrganizationId: 'not-an-organization-id', Name: 'alice', DisplayName: 'Alice' })))
      .rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { attempts: 1 } });
    expect(emulator.callsTo('CreateUser')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('sends a request over a quota once', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'ListOrganizations', count: 1, errorName: 'LimitExceededException' });
    const { workMail } = client();

    await expect(workMail.send(new ListOrganizationsCommand({})))
      .rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { attempts: 1 } });
  });

  test('retries a refused connection, then gives up', async () => {
    const closed = await WorkMailEmulator.start();
    const endpoint = closed.endpoint;
    await closed.stop();
    const { workMail, sleeps } = client(endpoint);

    await expect(workMail.send(new ListOrganizationsCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    expect(sleeps).toHaveLength(POLICY.maxAttempts - 1);
  });
});
