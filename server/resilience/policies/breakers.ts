// A named circuit breaker: cockatiel's CircuitBreakerPolicy with the designs'
// defaults, plus what the console and the metrics need (counts, last failure, recent
// transitions) and the two controls (isolate, reset).
//
// Defaults (db-cache-infrastructure §8, backend-optimization CIRCUIT_BREAKER_CONFIG):
// open after 5 consecutive failures, or when >= 50 % of at least 10 calls over the
// last 60 s failed; half-open after 30 s. Cockatiel lets exactly one probe through
// in half-open (other callers wait for its outcome), not the design's 3: a success
// closes the circuit, a failure opens it for another 30 s. A probe that fails with an
// error the breaker does not count (a 404: the server did answer) closes it too.
// Whenever the circuit closes, the failure counts start from zero.
//
// ManagedBreaker implements cockatiel's IPolicy, so it composes with wrap(), retry and
// timeout like any cockatiel policy. reset() swaps in a fresh cockatiel breaker; the
// ManagedBreaker object callers hold stays the same.
import {
  circuitBreaker,
  CircuitState,
  handleWhen,
  isBrokenCircuitError,
  type CircuitBreakerPolicy,
  type IDefaultPolicyContext,
  type IDisposable,
  type IPolicy,
} from 'cockatiel';
import { AppError } from '../../lib';
import { breakerMetrics, type BreakerCallOutcome, type BreakerStateName } from './breaker-metrics';
import { CancelledError, explain, isDependencyFailure } from './classify';
import { CompositeBreaker } from './failure-rate-breaker';

export type BreakerOptions = {
  /** open after this many failures in a row */
  consecutiveFailures: number;
  /** ...or when this share of calls failed over the sampling window */
  failureRateThreshold: number;
  samplingDurationMs: number;
  /** the share rule needs at least this many calls in the window */
  minimumRequests: number;
  /** how long the circuit stays open before one probe is let through */
  halfOpenAfterMs: number;
  /** which errors count as the dependency failing; default isDependencyFailure (a CancelledError never does) */
  isFailure: (err: Error) => boolean;
};

export const BREAKER_DEFAULTS: Readonly<Omit<BreakerOptions, 'isFailure'>> = Object.freeze({
  consecutiveFailures: 5,
  failureRateThreshold: 0.5,
  samplingDurationMs: 60_000,
  minimumRequests: 10,
  halfOpenAfterMs: 30_000,
});

export const TRANSITIONS_KEPT = 50; // the console's timeline shows the last 50

export type BreakerTransition = { at: number; from: BreakerStateName; to: BreakerStateName; reason: string | null };

export type BreakerSnapshot = {
  name: string;
  state: BreakerStateName;
  options: Omit<BreakerOptions, 'isFailure'>;
  counts: { successes: number; failures: number; rejections: number; ignored: number };
  /** calls in the current sampling window */
  window: { successes: number; failures: number; failureRate: number };
  consecutiveFailures: number;
  lastFailure: { at: number; message: string; reason: string } | null;
  /** when the circuit last opened (ms since epoch), while it is open or half-open */
  openedAt: number | null;
  transitions: BreakerTransition[]; // oldest first
};

const STATE_NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'isolated',
};

function resolve(options: Partial<BreakerOptions>): BreakerOptions {
  const o = { ...BREAKER_DEFAULTS, isFailure: isDependencyFailure, ...options };
  if (!Number.isInteger(o.consecutiveFailures) || o.consecutiveFailures < 1) throw new RangeError(`consecutiveFailures must be an integer >= 1`);
  if (!(o.halfOpenAfterMs >= 0)) throw new RangeError(`halfOpenAfterMs must be >= 0`);
  return o;
}

export class ManagedBreaker implements IPolicy<IDefaultPolicyContext, never> {
  declare readonly _altReturn: never;
  readonly options: Readonly<BreakerOptions>;
  private policy!: CircuitBreakerPolicy;
  private rules!: CompositeBreaker;
  private listeners: IDisposable[] = [];
  private isolation: { dispose(): void } | null = null;
  private current: BreakerStateName = 'closed';
  private openedAt: number | null = null;
  private nextReason: string | null = null;
  private readonly counts = { successes: 0, failures: 0, rejections: 0, ignored: 0 };
  private lastFailure: BreakerSnapshot['lastFailure'] = null;
  private readonly transitions: BreakerTransition[] = [];

  constructor(
    readonly name: string,
    options: Partial<BreakerOptions> = {},
  ) {
    this.options = Object.freeze(resolve(options));
    this.install();
    breakerMetrics.state(name, 'closed');
  }

  get state(): BreakerStateName {
    return STATE_NAMES[this.policy.state];
  }

  /** The cockatiel policy underneath (replaced by reset()); for events and tests. */
  get cockatiel(): CircuitBreakerPolicy {
    return this.policy;
  }

  // IPolicy's events, from the cockatiel policy current when subscribing (a reset() drops them).
  readonly onSuccess: IPolicy['onSuccess'] = (listener) => this.policy.onSuccess(listener);
  readonly onFailure: IPolicy['onFailure'] = (listener) => this.policy.onFailure(listener);

  async execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    let ran = false;
    try {
      const value = await this.policy.execute(async (ctx) => {
        ran = true;
        try {
          return await fn(ctx);
        } catch (err) {
          // The caller aborted (e.g. a sibling call failed, or its deadline passed): an inner
          // timeout then throws as if the dependency were slow. Not the dependency's fault.
          if (signal?.aborted && !(err instanceof CancelledError)) throw new CancelledError(this.name, { cause: err });
          throw err;
        }
      }, signal);
      this.count('success');
      return value;
    } catch (err) {
      if (!ran && isBrokenCircuitError(err)) this.count('rejected');
      else if (err instanceof Error && !(err instanceof CancelledError) && this.options.isFailure(err)) {
        this.count('failure');
        this.lastFailure = { at: Date.now(), message: err.message, reason: explain(err).reason };
      } else this.count('ignored');
      throw err;
    }
  }

  /** Holds the circuit open until reset(); calls fail at once with IsolatedCircuitError. */
  isolate(reason = 'isolated by an operator'): void {
    if (this.isolation) return;
    this.nextReason = reason;
    this.isolation = this.policy.isolate();
    this.nextReason = null;
  }

  /** Ends an isolation and starts again with a fresh, closed breaker and empty windows. */
  reset(reason = 'reset by an operator'): void {
    const from = this.state;
    this.nextReason = reason;
    const handle = this.isolation;
    this.isolation = null;
    handle?.dispose(); // emits isolated → closed through the old policy's listeners
    for (const l of this.listeners) l.dispose();
    this.install();
    if (this.current !== 'closed' || from === 'closed') this.record('closed', reason);
    this.nextReason = null;
  }

  snapshot(): BreakerSnapshot {
    const { isFailure: _omit, ...options } = this.options;
    return {
      name: this.name,
      state: this.state,
      options,
      counts: { ...this.counts },
      window: this.rules.rate.window(),
      consecutiveFailures: this.rules.consecutiveFailures,
      lastFailure: this.lastFailure ? { ...this.lastFailure } : null,
      openedAt: this.state === 'open' || this.state === 'half-open' ? this.openedAt : null,
      transitions: this.transitions.map((t) => ({ ...t })),
    };
  }

  /** Drops the metric series (the registry calls this when a breaker is removed). */
  dispose(): void {
    this.isolation?.dispose();
    for (const l of this.listeners) l.dispose();
    breakerMetrics.remove(this.name);
  }

  private install(): void {
    const o = this.options;
    this.rules = new CompositeBreaker(o.consecutiveFailures, {
      threshold: o.failureRateThreshold,
      durationMs: o.samplingDurationMs,
      minimumRequests: o.minimumRequests,
    });
    const counts = (err: Error) => !(err instanceof CancelledError) && o.isFailure(err);
    this.policy = circuitBreaker(handleWhen(counts), { halfOpenAfter: o.halfOpenAfterMs, breaker: this.rules });
    this.listeners = [
      this.policy.onStateChange((s) => {
        const to = STATE_NAMES[s];
        if (to === 'closed') this.rules.reset(); // a recovered circuit starts counting afresh
        if (to === 'open') this.openedAt = Date.now();
        this.record(to, this.nextReason ?? this.reasonFor(to));
      }),
    ];
  }

  private reasonFor(to: BreakerStateName): string | null {
    if (to === 'open') {
      // cockatiel sets lastFailure before it opens; our own record is updated after
      const f = this.policy.lastFailure;
      if (!f) return null;
      return 'error' in f ? `${explain(f.error).reason}: ${f.error.message}` : 'failed result';
    }
    if (to === 'half-open') return 'probing after the open interval';
    if (to === 'closed') return 'probe succeeded';
    return null;
  }

  private record(to: BreakerStateName, reason: string | null): void {
    this.transitions.push({ at: Date.now(), from: this.current, to, reason });
    if (this.transitions.length > TRANSITIONS_KEPT) this.transitions.splice(0, this.transitions.length - TRANSITIONS_KEPT);
    this.current = to;
    breakerMetrics.state(this.name, to);
    breakerMetrics.transition(this.name, to);
  }

  private count(outcome: BreakerCallOutcome): void {
    if (outcome === 'success') this.counts.successes++;
    else if (outcome === 'failure') this.counts.failures++;
    else if (outcome === 'rejected') this.counts.rejections++;
    else this.counts.ignored++;
    breakerMetrics.call(this.name, outcome);
  }
}


/** True when `err` (or an error it wraps) is a call refused by an open or isolated breaker. */
export function isCircuitOpen(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isBrokenCircuitError(e)) return true;
  }
  return false;
}

/**
 * The AppError a dependency failure means to a client, for the places that turn errors
 * into responses (tRPC, REST): a breaker's refusal is UNAVAILABLE (503, retry later),
 * not an internal error. undefined for anything else.
 */
export function dependencyAppError(err: unknown): AppError | undefined {
  if (isCircuitOpen(err)) return new AppError('UNAVAILABLE', 'A service this request needs is unavailable', undefined, { cause: err });
  return undefined;
}
