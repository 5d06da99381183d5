import { CreateUserCommand, ListOrganizationsCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import type { RetryErrorInfo, RetryErrorType, RetryToken } from '@smithy/types';
import { BoundedRetryStrategy, HANDLER_RETRY_POLICY, isThrottling, RetryPolicy, retryUntil, spreadWindowMs } from '../../src/handlers/shared/retry';
import { PROVIDER_RESOURCES_VARIABLE } from '../../src/private/constants';
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
    const throttled = failure('ThrottlingException', 'THROTTLING');
    try {
      retryUntil(Date.now() - 1);
      expect(await retriesAllowed(retry, throttled)).toEqual({ retries: 0, thrown: throttled.error });
      retryUntil(undefined);
      expect((await retriesAllowed(retry, throttled)).retries).toBe(POLICY.maxAttempts - 1);
    } finally {
      retryUntil(undefined);
    }
    expect(sleeps).toHaveLength(POLICY.maxAttempts - 1);
  });

  test('cuts a backoff that would pass the deadline to what is left, rather than giving up', async () => {
    const { retry, sleeps } = strategy({}, () => 0.999999);
    try {
      // The backoff windows 100, 200, 400... would pass a deadline 150 ms away from the second retry on.
      retryUntil(Date.now() + 150);
      expect((await retriesAllowed(retry, failure('ThrottlingException', 'THROTTLING'))).retries).toBe(POLICY.maxAttempts - 1);
    } finally {
      retryUntil(undefined);
    }
    expect(sleeps[0]).toBe(99);
    sleeps.slice(1).forEach((ms) => expect(ms).toBeLessThan(150));
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

  describe('in an invocation started with the stack\'s other resources', () => {
    let clock: number;
    const throttled = failure('ThrottlingException', 'THROTTLING');

    /** Sleeps move a clock instead of waiting: the spread is measured against it. */
    function clocked(random = () => 0.5) {
      const sleeps: number[] = [];
      const retry = new BoundedRetryStrategy({
        ...POLICY,
        maxAttempts: 12,
        maxDelayMs: 20_000,
        random,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      });
      return { retry, sleeps };
    }

    beforeEach(() => {
      clock = 1_000_000;
      jest.spyOn(Date, 'now').mockImplementation(() => clock);
      process.env[PROVIDER_RESOURCES_VARIABLE] = '200';
    });
    afterEach(() => {
      jest.restoreAllMocks();
      delete process.env[PROVIDER_RESOURCES_VARIABLE];
      retryUntil(undefined);
    });

    test('spreads throttled retries over the time the resources take at 20 requests/s, less the burst, plus 10 %', () => {
      expect([0, 10, 20, 50, 200, 450, 500].map(spreadWindowMs)).toEqual([0, 0, 0, 1_650, 9_900, 23_650, 26_400]);
    });

    test('the first throttled call draws from the whole spread; throttled again, from what is left of it, while the backoff doubles behind', async () => {
      const { retry, sleeps } = clocked();
      retryUntil(undefined, true);

      await retriesAllowed(retry, throttled);

      // 9,900 ms of spread, halved by each draw of 0.5 until what is left (619) is under the
      // doubled window (1,600): then 1,600, 3,200... capped at 20,000, as after four throttles.
      expect(sleeps).toEqual([4_950, 2_475, 1_237, 619, 800, 1_600, 3_200, 6_400, 10_000, 10_000, 10_000]);
      expect(sleeps.slice(0, 4).reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(9_900);
    });

    test('one spread an invocation: an operation throttled after it ends doubles from the base', async () => {
      const { retry, sleeps } = clocked(() => 0.999999);
      retryUntil(undefined, true);

      // Throttled once, across the whole spread, then answered.
      await retry.refreshRetryTokenForRetry(await retry.acquireInitialRetryToken(), throttled);
      await retriesAllowed(retry, throttled);

      expect(sleeps.slice(0, 6)).toEqual([9_899, 99, 199, 399, 799, 1_599]);
    });

    test('neither the waiter\'s invocations nor transient errors spread', async () => {
      const waiting = clocked();
      retryUntil(undefined, false);
      await retriesAllowed(waiting.retry, throttled);
      expect(waiting.sleeps.slice(0, 3)).toEqual([50, 100, 200]);

      const transient = clocked();
      retryUntil(undefined, true);
      await retriesAllowed(transient.retry, failure('ServiceUnavailable', 'TRANSIENT'));
      expect(transient.sleeps.slice(0, 3)).toEqual([50, 100, 200]);
    });

    test('without the provider\'s count, as outside Lambda, nothing spreads', async () => {
      delete process.env[PROVIDER_RESOURCES_VARIABLE];
      const { retry, sleeps } = clocked();
      retryUntil(undefined, true);

      await retriesAllowed(retry, throttled);

      expect(sleeps.slice(0, 3)).toEqual([50, 100, 200]);
    });

    test('a spread never reaches past the deadline', async () => {
      const { retry, sleeps } = clocked(() => 0.999999);
      retryUntil(clock + 3_000, true);

      await retriesAllowed(retry, throttled);

      expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(3_000);
    });
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
