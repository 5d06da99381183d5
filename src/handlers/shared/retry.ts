import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/**
 * How the handlers' WorkMail, KMS, SES and Secrets Manager clients retry.
 *
 * WorkMail publishes no request-rate quota and throttles bursts, and CloudFormation creates many
 * resources at once. The SDK's standard and adaptive strategies share one retry quota per client
 * (500 tokens, 5 per throttling retry), and a Lambda container reuses its clients across
 * invocations: one burst can spend the quota, after which nothing is retried at all. So each
 * operation gets its own bounded budget instead (attempts and total backoff), with capped
 * exponential backoff and full jitter so that throttled callers spread out.
 *
 * Within one invocation the backoff carries over from one operation to the next: an operation's
 * first retry starts from the backoff the invocation's last retried operation reached. Under a
 * burst every operation of WorkMail is busy, and an invocation that starts each one afresh at the
 * base backoff meets the queue again on every call. Each invocation starts from the base.
 */
export interface RetryPolicy {
  /** Attempts per operation, the first one included. */
  readonly maxAttempts: number;
  /** Upper bound of the first backoff; it doubles with every retry. */
  readonly baseDelayMs: number;
  /** Upper bound of any one backoff. */
  readonly maxDelayMs: number;
  /** Backoff one operation may spend in total before it gives up with its last error. */
  readonly maxTotalDelayMs: number;
  /** Uniform in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * At most 60 s of backoff per operation: an invocation that meets the worst throttling on four
 * calls in a row still ends, with the throttling error, inside the handlers' 5-minute Lambda
 * timeout. Under sustained throttling the time budget binds before the 15 attempts do, so a
 * caller keeps trying for the whole minute (10 attempts would give up after 36 s on average).
 */
export const HANDLER_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 15,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxTotalDelayMs: 60_000,
};

/**
 * Quota errors, not rate: WorkMail's `LimitExceededException` is a resource quota (users,
 * domains, rules...), as are KMS's and SES's. The SDK files them under throttling; retrying
 * cannot help.
 */
const QUOTA_ERRORS: ReadonlySet<string> = new Set(['LimitExceededException', 'LimitExceeded']);

class Attempt implements RetryToken {
  /** `exponent`: the next backoff's upper bound is the base times 2 to this power. */
  constructor(private readonly retries: number, public readonly backoffMs: number, public readonly exponent: number) {}

  public getRetryCount(): number {
    return this.retries;
  }

  /** The strategy has already slept. */
  public getRetryDelay(): number {
    return 0;
  }
}

export class BoundedRetryStrategy implements RetryStrategyV2 {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The exponent the last retried operation of `invocation` reached. */
  private carried = { invocation, exponent: 0 };

  constructor(private readonly policy: RetryPolicy) {
    this.random = policy.random ?? Math.random;
    this.sleep = policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  public async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Attempt(0, 0, this.carried.invocation === invocation ? this.carried.exponent : 0);
  }

  /** Sleeps, then allows the next attempt; throws the operation's error when it must not retry. */
  public async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    const { backoffMs: spent, exponent } = token instanceof Attempt ? token : { backoffMs: 0, exponent: retries };
    const backoff = Math.floor(this.random() * Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** exponent));
    if (!isRetryable(errorInfo) || retries + 1 >= this.policy.maxAttempts || spent + backoff > this.policy.maxTotalDelayMs
      || (invocationDeadline !== undefined && Date.now() + backoff > invocationDeadline)) {
      throw errorInfo.error;
    }
    this.carried = { invocation, exponent };
    await this.sleep(backoff);
    return new Attempt(retries + 1, spent + backoff, exponent + 1);
  }

  public recordSuccess(): void {
    // The budget is the operation's own: one operation's outcome does not change another's.
  }
}

/**
 * Throttling (including HTTP 429) and transient errors (500, 502, 503, 504, timeouts, dropped
 * connections), as the SDK classifies them and as its standard strategy retries them. Other
 * server errors are not retried: a create without a client token may have succeeded.
 */
function isRetryable({ errorType, error }: RetryErrorInfo): boolean {
  if (errorType === 'TRANSIENT') {
    return true;
  }
  return errorType === 'THROTTLING' && !(error !== undefined && QUOTA_ERRORS.has(error.name));
}

/**
 * When the current Lambda invocation must have answered (a Lambda container serves one
 * invocation at a time). Past it no backoff starts, so a handler that meets throttling on many
 * calls in a row ends with the throttling error, explained, instead of being killed by the
 * Lambda timeout halfway through.
 */
let invocationDeadline: number | undefined;
/** Counts invocations, so that no backoff carries over from one to the next (a container reuses its clients). */
let invocation = 0;

/**
 * Starts an invocation: sets its deadline (undefined outside Lambda: tests) and starts every
 * client's backoff afresh.
 */
export function retryUntil(deadline: number | undefined): void {
  invocationDeadline = deadline;
  invocation++;
}

/** Whether an error that ends an operation is throttling (not a quota): worth trying again later. */
export function isThrottling(error: unknown): boolean {
  const { name, $metadata, $retryable } = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  if (name !== undefined && QUOTA_ERRORS.has(name)) {
    return false;
  }
  return $retryable?.throttling === true || $metadata?.httpStatusCode === 429
    || ['ThrottlingException', 'Throttling', 'TooManyRequestsException'].includes(name ?? '');
}

/** Options for an SDK client that retries with `policy`: the handlers' clients and the command's. */
export function boundedRetry(policy: RetryPolicy = HANDLER_RETRY_POLICY) {
  return { maxAttempts: policy.maxAttempts, retryStrategy: new BoundedRetryStrategy(policy) };
}
