// Retries with exponential backoff and jitter, through cockatiel's retry policy.
//
// Defaults follow the designs' RETRY_CONFIG: 3 retries, base delay 1 s, cap 60 s,
// exponent 2, jitter on. `maxAttempts` has cockatiel's meaning, the number of retries
// after the first call, so the defaults make at most 4 calls with waits of about
// 1 s, 2 s, 4 s (the "1s, 2s, 4s" of db-cache-infrastructure §8).
//
// Jitter is cockatiel's halfJitterGenerator: retry n waits a random time in
// [d/2, d] (d itself only by floating-point rounding), d = min(maxDelay, initialDelay · 2^(n-1)). Half jitter keeps the waits
// growing (each lower bound is the previous upper bound) while still spreading a
// thundering herd; cockatiel's default (decorrelated jitter) does not follow
// base · 2^n, which the designs ask for.
//
// Only retryable errors (classify.ts) are retried. An open circuit is retryable in
// general but not retried here: the breaker would reject again until it half-opens.
// When the retries run out the caller gets AppError UNAVAILABLE saying how many
// calls were made, with the last error as its cause; a permanent error is rethrown
// as it was, after one call.
import {
  ExponentialBackoff,
  halfJitterGenerator,
  handleWhen,
  isBrokenCircuitError,
  noJitterGenerator,
  retry,
  wrap,
  type IDefaultPolicyContext,
  type IPolicy,
  type IRetryContext,
  type RetryPolicy,
} from 'cockatiel';
import { AppError } from '../../lib/app-error';
import { classify, explain } from './classify';

export type RetryOptions = {
  /** retries after the first call (cockatiel's maxAttempts); 3 → at most 4 calls */
  maxAttempts: number;
  /** the first retry's delay before jitter, ms */
  initialDelayMs: number;
  /** no delay exceeds this, ms */
  maxDelayMs: number;
  /** half jitter (true) or the exact initialDelay · 2^n (false) */
  jitter: boolean;
  /** which errors to retry; default: classify() says retryable and it is not an open circuit */
  shouldRetry: (err: Error) => boolean;
};

export const RETRY_DEFAULTS: Readonly<Omit<RetryOptions, 'shouldRetry'>> = Object.freeze({
  maxAttempts: 3,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: true,
});

export function shouldRetryByDefault(err: Error): boolean {
  return classify(err) === 'retryable' && !isBrokenCircuitError(err);
}

/** The backoff cockatiel asks for delays; exported so tests can read its sequence. */
export function backoffFor(opts: Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'jitter'>): ExponentialBackoff<number> {
  return new ExponentialBackoff<number>({
    generator: opts.jitter ? halfJitterGenerator : noJitterGenerator,
    initialDelay: opts.initialDelayMs,
    maxDelay: opts.maxDelayMs,
  });
}

function resolve(options: Partial<RetryOptions>): RetryOptions {
  const o = { ...RETRY_DEFAULTS, shouldRetry: shouldRetryByDefault, ...options };
  if (!Number.isInteger(o.maxAttempts) || o.maxAttempts < 0) throw new RangeError(`maxAttempts must be an integer >= 0, got ${o.maxAttempts}`);
  if (!(o.initialDelayMs >= 0) || !(o.maxDelayMs >= o.initialDelayMs)) {
    throw new RangeError(`need 0 <= initialDelayMs <= maxDelayMs, got ${o.initialDelayMs} and ${o.maxDelayMs}`);
  }
  return o;
}

export type RetryExecuteOptions = {
  signal?: AbortSignal;
  /** policies each attempt runs through, outermost first (e.g. a breaker, then a timeout) */
  inner?: IPolicy<IDefaultPolicyContext, never>[];
  /**
   * How many attempts reached the operation, when the caller counts better than we
   * can (e.g. `fn` puts a breaker first, whose rejections are not attempts). Default:
   * every call of `fn`.
   */
  attempts?: () => number;
};

/** A retry policy plus the attempt count and the "gave up after N attempts" error. */
export class Retrier {
  readonly options: Readonly<RetryOptions>;
  readonly policy: RetryPolicy;

  constructor(options: Partial<RetryOptions> = {}) {
    this.options = Object.freeze(resolve(options));
    this.policy = retry(handleWhen(this.options.shouldRetry), {
      maxAttempts: this.options.maxAttempts,
      backoff: backoffFor(this.options),
    });
  }

  /**
   * Runs `fn` until it succeeds, fails permanently or the retries run out.
   * `operation` names the call in the final error ("llm chat", "db connect").
   */
  async execute<T>(operation: string, fn: (ctx: IRetryContext) => PromiseLike<T> | T, opts: RetryExecuteOptions = {}): Promise<T> {
    let attempts = 0;
    const counted = (ctx: IRetryContext) => {
      attempts++;
      return fn(ctx);
    };
    try {
      if (!opts.inner?.length) return await this.policy.execute(counted, opts.signal);
      const policy = wrap(this.policy as IPolicy<IDefaultPolicyContext, never>, ...opts.inner);
      return await policy.execute((ctx) => counted(ctx as IRetryContext), opts.signal);
    } catch (err) {
      throw gaveUp(operation, err, opts.attempts?.() ?? attempts, this.options.maxAttempts + 1);
    }
  }
}

/** The error the caller sees: a permanent error as it was, anything else as UNAVAILABLE with the count. */
function gaveUp(operation: string, err: unknown, attempts: number, maxCalls: number): unknown {
  const why = explain(err);
  if (why.class === 'permanent') return err;
  const message = err instanceof Error ? err.message : String(err);
  const circuitOpen = isBrokenCircuitError(err);
  const summary = circuitOpen
    ? `${operation}: circuit open${attempts ? ` after ${attempts} failed attempt${attempts === 1 ? '' : 's'}` : ', not attempted'}`
    : `${operation} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${message}`;
  return new AppError(
    'UNAVAILABLE',
    summary,
    { operation, attempts, maxAttempts: maxCalls, reason: why.reason, circuitOpen, lastError: message },
    { cause: err },
  );
}
