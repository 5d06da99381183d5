import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { PROVIDER_RESOURCES_VARIABLE } from '../../private/constants';

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
 *
 * CloudFormation starts every resource that waits for nothing at once, so at the start of a
 * deployment of N resources N first calls arrive together. Doubling from the base, the N - burst
 * that are throttled meet each other again about log2(N / 5) times before they have spread out.
 * So the first throttled call of an invocation that started with the others (the provider's
 * onEvent phase) spreads its retry over a window sized to N: see `spreadWindowMs`.
 */
export interface RetryPolicy {
  /** Attempts per operation, the first one included. */
  readonly maxAttempts: number;
  /** Upper bound of the first backoff; it doubles with every retry. */
  readonly baseDelayMs: number;
  /** Upper bound of any one backoff, but a spread (`spreadWindowMs`). */
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
    const doubled = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** exponent);
    const spreadLeft = errorInfo.errorType === 'THROTTLING' ? spreadWindowLeft() : 0;
    const spreading = spreadLeft > doubled;
    // A window that would pass the deadline is cut to it: the draw that fits is still worth a try.
    const window = Math.min(spreading ? spreadLeft : doubled, timeLeft());
    const backoff = Math.floor(this.random() * window);
    if (!isRetryable(errorInfo) || retries + 1 >= this.policy.maxAttempts || spent + backoff > this.policy.maxTotalDelayMs || window <= 0) {
      throw errorInfo.error;
    }
    this.carried = { invocation, exponent };
    await this.sleep(backoff);
    // The backoff doubles through the spread too: a call throttled on every try meets, after it,
    // a queue about as long as the spread was (the service is slower than assumed).
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
 * invocation at a time). No backoff reaches past it, so a handler that meets throttling on many
 * calls in a row ends with the throttling error, explained, instead of being killed by the
 * Lambda timeout halfway through.
 */
let invocationDeadline: number | undefined;
/** Counts invocations, so that no backoff carries over from one to the next (a container reuses its clients). */
let invocation = 0;
/** How long the current invocation's throttled calls spread their retries; 0: they double from the base. */
let spreadMs = 0;
/** When that spread ends (epoch ms), from the invocation's first throttled call on. */
let spreadEnd: number | undefined;

function timeLeft(): number {
  return invocationDeadline === undefined ? Infinity : invocationDeadline - Date.now();
}

/** What is left of the spread, which the invocation's first throttled call starts. */
function spreadWindowLeft(): number {
  if (spreadMs === 0) {
    return 0;
  }
  spreadEnd ??= Date.now() + spreadMs;
  return spreadEnd - Date.now();
}

/**
 * Starts an invocation: sets its deadline (undefined outside Lambda: tests) and starts every
 * client's backoff afresh. `startedWithOthers`: the invocation is one of those CloudFormation
 * starts together (the onEvent phase), so its first throttled call spreads its retry.
 */
export function retryUntil(deadline: number | undefined, startedWithOthers = false): void {
  invocationDeadline = deadline;
  invocation++;
  spreadMs = startedWithOthers ? spreadWindowMs(Number(process.env[PROVIDER_RESOURCES_VARIABLE]) || 0) : 0;
  spreadEnd = undefined;
}

/**
 * WorkMail documents no request rate. Assumed: 20 requests a second per operation. If WorkMail
 * answers more slowly, the backoff, which doubled through the spread, takes over after it; if
 * faster, a deployment waits longer than it needs to, at most about N / 18 seconds.
 */
const ASSUMED_REQUESTS_PER_SECOND = 20;

/**
 * How long the throttled calls of `resources` resources started together spread their retries:
 * the time the assumed rate takes to answer them all, less the calls a token bucket answers at
 * once (assumed: one second's worth), and 10 % more, so that the calls each resource makes next
 * find the service below its rate too. A call throttled again within the spread retries at a
 * random moment of what is left of it, so no caller waits past its end.
 */
export function spreadWindowMs(resources: number): number {
  return Math.max(0, Math.round((1.1 * (resources - ASSUMED_REQUESTS_PER_SECOND) * 1000) / ASSUMED_REQUESTS_PER_SECOND));
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
