// One dependency's call path: retry (outermost) → that dependency's breaker → a
// timeout per attempt → the call, composed with cockatiel's wrap(). Retry sits
// outside the breaker so every attempt is counted by it and an opening breaker stops
// the retries at once (an open circuit is not retried).
//
// The timeout is aggressive (the caller gets TaskCancelledError at the deadline) and
// also aborts the signal handed to the call, so a fetch() given that signal stops too.
import { isBrokenCircuitError, TaskCancelledError, timeout, TimeoutStrategy, wrap, type IPolicy, type ICancellationContext, type TimeoutPolicy } from 'cockatiel';
import { breakerRegistry } from './breaker-registry';
import { CancelledError, isTimeoutError } from './classify';
import type { BreakerOptions, ManagedBreaker } from './breakers';
import { Retrier, type RetryOptions } from './retry';

export type AttemptOutcome = 'success' | 'error' | 'timeout' | 'rejected';

export type ResilienceOptions = {
  /** the breaker's name in the registry, e.g. "model:llm" */
  breaker: string;
  timeoutMs: number;
  retry?: Partial<RetryOptions>;
  breakerOptions?: Partial<BreakerOptions>;
};

export type ResilientCallOptions = {
  signal?: AbortSignal;
  /** called once per attempt that reached the dependency (unless the caller cancelled it), and once per rejection by the breaker */
  observe?: (outcome: AttemptOutcome, seconds: number) => void;
};

export class Resilience {
  readonly breaker: ManagedBreaker;
  readonly retrier: Retrier;
  readonly timeout: TimeoutPolicy;
  /** one attempt: the breaker, then the timeout */
  private readonly attempt: IPolicy<ICancellationContext, never>;

  constructor(readonly options: ResilienceOptions) {
    this.breaker = breakerRegistry.breaker(options.breaker, options.breakerOptions);
    this.retrier = new Retrier(options.retry);
    this.timeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.attempt = wrap(this.breaker, this.timeout);
  }

  execute<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, opts: ResilientCallOptions = {}): Promise<T> {
    const observe = opts.observe;
    const timeoutMs = this.options.timeoutMs;
    let reachedCalls = 0; // attempts the breaker let through: what "failed after N attempts" counts
    return this.retrier.execute(
      operation,
      async (retryCtx) => {
        let reached = false;
        const started = performance.now();
        try {
          const value = await this.attempt.execute(async (ctx) => {
            reached = true;
            reachedCalls++;
            try {
              return await fn(ctx.signal); // the timeout's signal: aborted at the deadline
            } catch (err) {
              // fetch rejects with its own AbortError when the deadline aborts it, often before
              // the timeout policy's own error wins the race: it is still a timeout.
              if (ctx.signal.aborted && !retryCtx.signal.aborted && !isTimeoutError(err)) {
                throw new TaskCancelledError(`${operation} timed out after ${timeoutMs}ms`);
              }
              throw err;
            }
          }, retryCtx.signal);
          observe?.('success', (performance.now() - started) / 1000);
          return value;
        } catch (err) {
          const seconds = (performance.now() - started) / 1000;
          if (!reached && isBrokenCircuitError(err)) observe?.('rejected', seconds);
          else if (!(err instanceof CancelledError)) observe?.(isTimeoutError(err) ? 'timeout' : 'error', seconds);
          // (a call the caller cancelled says nothing about the dependency: not observed)
          throw err;
        }
      },
      { signal: opts.signal, attempts: () => reachedCalls },
    );
  }
}
