// The breakers' opening rules, as cockatiel IBreaker implementations:
//
// - FailureRateBreaker: open when, over the last `durationMs` (60 s), at least
//   `minimumRequests` calls were made and the failed share is >= `threshold` (50 %).
//   Written here instead of using cockatiel's SamplingBreaker because SamplingBreaker
//   moves its ring on by one bucket per call, not by elapsed time, so under sparse
//   traffic failures from minutes ago still count (tests/unit/resilience-breaker.test.ts
//   shows it; 3.2.1). Here every bucket older than the window is dropped on each read.
// - CompositeBreaker: cockatiel's ConsecutiveBreaker (5 in a row) OR the rate rule.
//
// Both forget everything when the circuit closes (see ManagedBreaker), so a breaker
// that just recovered is not tripped again by failures from before it opened.
import { CircuitState, ConsecutiveBreaker, type IBreaker } from 'cockatiel';

type Bucket = { index: number; successes: number; failures: number };

export type FailureRateOptions = {
  threshold: number; // in (0, 1]
  durationMs: number;
  minimumRequests: number;
  bucketMs?: number; // granularity of expiry; default 1 s
};

export class FailureRateBreaker implements IBreaker {
  private readonly bucketMs: number;
  private readonly bucketCount: number;
  private buckets: Bucket[] = [];

  constructor(private readonly opts: FailureRateOptions) {
    if (!(opts.threshold > 0 && opts.threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${opts.threshold}`);
    if (!(opts.minimumRequests >= 1)) throw new RangeError(`minimumRequests must be >= 1, got ${opts.minimumRequests}`);
    this.bucketMs = opts.bucketMs ?? 1000;
    this.bucketCount = Math.max(1, Math.round(opts.durationMs / this.bucketMs));
  }

  get state(): unknown {
    return { buckets: this.buckets.map((b) => ({ ...b })) };
  }

  set state(value: unknown) {
    const buckets = (value as { buckets?: Bucket[] } | null)?.buckets;
    this.buckets = Array.isArray(buckets) ? buckets.map((b) => ({ ...b })) : [];
  }

  /** Calls in the window now: successes, failures and the failed share. */
  window(now = Date.now()): { successes: number; failures: number; failureRate: number } {
    this.expire(now);
    let successes = 0;
    let failures = 0;
    for (const b of this.buckets) {
      successes += b.successes;
      failures += b.failures;
    }
    const total = successes + failures;
    return { successes, failures, failureRate: total ? failures / total : 0 };
  }

  success(): void {
    this.bucket(Date.now()).successes++;
  }

  failure(state: CircuitState): boolean {
    const now = Date.now();
    this.bucket(now).failures++;
    if (state !== CircuitState.Closed) return true; // a failed half-open probe reopens
    const w = this.window(now);
    return w.successes + w.failures >= this.opts.minimumRequests && w.failureRate >= this.opts.threshold;
  }

  reset(): void {
    this.buckets = [];
  }

  private expire(now: number): void {
    const oldest = Math.floor(now / this.bucketMs) - this.bucketCount + 1;
    if (this.buckets.length && this.buckets[0]!.index < oldest) this.buckets = this.buckets.filter((b) => b.index >= oldest);
  }

  private bucket(now: number): Bucket {
    this.expire(now);
    const index = Math.floor(now / this.bucketMs);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.index === index) return last;
    const fresh = { index, successes: 0, failures: 0 };
    this.buckets.push(fresh);
    return fresh;
  }
}

/** Opens when either rule says so; every call is reported to both. */
export class CompositeBreaker implements IBreaker {
  readonly consecutive: ConsecutiveBreaker;
  readonly rate: FailureRateBreaker;

  constructor(consecutiveFailures: number, rate: FailureRateOptions) {
    this.consecutive = new ConsecutiveBreaker(consecutiveFailures);
    this.rate = new FailureRateBreaker(rate);
  }

  get state(): unknown {
    return { consecutive: this.consecutive.state, rate: this.rate.state };
  }

  set state(value: unknown) {
    const v = (value ?? {}) as { consecutive?: number; rate?: unknown };
    this.consecutive.state = typeof v.consecutive === 'number' ? v.consecutive : 0;
    this.rate.state = v.rate;
  }

  /** failures in a row right now */
  get consecutiveFailures(): number {
    return this.consecutive.state;
  }

  success(): void {
    this.consecutive.success();
    this.rate.success();
  }

  failure(state: CircuitState): boolean {
    const inARow = this.consecutive.failure();
    const byRate = this.rate.failure(state);
    return inARow || byRate;
  }

  reset(): void {
    this.consecutive.state = 0;
    this.rate.reset();
  }
}
