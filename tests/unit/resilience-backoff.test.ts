// Backoff delays of the retry policy (server/resilience/policies/retry.ts), two ways:
// (1) through cockatiel's backoff generator itself (backoffFor → ExponentialBackoff.next()),
// (2) by measuring, on Vitest's fake clock, the delays cockatiel's retry policy actually
//     waits between calls of a failing operation.
// Math.random is replaced by fast-check's values, so the jitter is part of the input.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../server/lib/app-error';
import { Retrier, RETRY_DEFAULTS, backoffFor } from '../../server/resilience/policies';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** The no-jitter delay of retry n (0-based): min(cap, base · 2^n). */
const ceiling = (base: number, cap: number, n: number) => Math.min(cap, base * 2 ** n);

function feedRandom(values: number[]): void {
  let i = 0;
  vi.spyOn(Math, 'random').mockImplementation(() => values[i++ % values.length]!);
}

/** Runs `retrier` on an operation that fails `failures` times, on the fake clock; returns call times and the outcome. */
async function timeCalls(retrier: Retrier, failures: number, makeError: () => unknown) {
  vi.useFakeTimers();
  const start = Date.now();
  const times: number[] = [];
  const outcome = retrier
    .execute('db connect', () => {
      times.push(Date.now() - start);
      if (times.length <= failures) throw makeError();
      return 'connected';
    })
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  await vi.runAllTimersAsync();
  const result = await outcome;
  vi.useRealTimers();
  const delays = times.slice(1).map((t, i) => t - times[i]!);
  return { times, delays, result };
}

const random01 = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('retry backoff', () => {
  // Property 25 (backend-optimization): Retry with exponential backoff
  it('delays grow as base · 2^n within the half-jitter bounds and never exceed the cap (cockatiel backoff generator)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.array(random01, { minLength: 1, maxLength: 25 }),
        (base, extra, randoms) => {
          const cap = base + extra;
          feedRandom(randoms);
          let backoff = backoffFor({ initialDelayMs: base, maxDelayMs: cap, jitter: true }).next();
          const delays: number[] = [];
          for (let n = 0; n < randoms.length; n++) {
            delays.push(backoff.duration);
            if (n + 1 < randoms.length) backoff = backoff.next(undefined);
          }
          vi.restoreAllMocks();
          delays.forEach((d, n) => {
            const c = ceiling(base, cap, n);
            expect(d).toBeLessThanOrEqual(cap);
            expect(d).toBeGreaterThanOrEqual(Math.floor(c / 2));
            expect(d).toBeLessThanOrEqual(c); // < c in exact arithmetic; floating point can round up to c
            expect(d).toBe(Math.floor((c + randoms[n]! * c) / 2)); // exactly cockatiel's half jitter
            // before the cap each lower bound is the previous upper bound: the waits never shrink
            if (n > 0 && c < cap) expect(d).toBeGreaterThanOrEqual(delays[n - 1]!);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  // Property 25 (backend-optimization): Retry with exponential backoff
  it('without jitter the delays are exactly base · 2^n, capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 30 }), (base, extra, n) => {
        const cap = base + extra;
        let backoff = backoffFor({ initialDelayMs: base, maxDelayMs: cap, jitter: false }).next();
        for (let i = 0; i < n; i++) {
          expect(backoff.duration).toBe(ceiling(base, cap, i));
          backoff = backoff.next(undefined);
        }
      }),
    );
  });

  // Property 25 (backend-optimization): Retry with exponential backoff
  // Measured: the delays cockatiel's retry policy waits between calls, on Vitest's fake clock.
  it('the retry policy waits the generated delays between attempts (fake clock)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(random01, { minLength: 6, maxLength: 6 }),
        async (base, extra, maxAttempts, randoms) => {
          const cap = base + extra;
          feedRandom(randoms);
          const retrier = new Retrier({ maxAttempts, initialDelayMs: base, maxDelayMs: cap });
          const { times, delays, result } = await timeCalls(retrier, Infinity, () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
          expect(times).toHaveLength(maxAttempts + 1);
          delays.forEach((d, n) => {
            const c = ceiling(base, cap, n);
            expect(d).toBe(Math.floor((c + randoms[n]! * c) / 2));
            expect(d).toBeLessThanOrEqual(cap);
          });
          expect(result).toHaveProperty('error');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('connection retries with the design defaults', () => {
  const connectionFailures = fc.constantFrom<[string, () => unknown]>(
    ['ECONNREFUSED', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' })],
    ['ECONNRESET', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['08006', () => Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' })],
    ['57P01', () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['pg lost', () => new Error('Connection terminated unexpectedly')],
    ['pool timeout', () => new Error('timeout exceeded when trying to connect')],
  );

  // Property 16 (db-cache-infrastructure): Exponential Backoff on Failures
  it('waits 1 s, 2 s, 4 s between attempts (no jitter), and within [½, 1] of that with jitter', async () => {
    const exact = await timeCalls(new Retrier({ jitter: false }), Infinity, () => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    expect(exact.delays).toEqual([1000, 2000, 4000]);

    await fc.assert(
      fc.asyncProperty(fc.array(random01, { minLength: 3, maxLength: 3 }), async (randoms) => {
        feedRandom(randoms);
        const { delays } = await timeCalls(new Retrier(), Infinity, () => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
        expect(delays).toHaveLength(3);
        [1000, 2000, 4000].forEach((c, n) => {
          expect(delays[n]).toBeGreaterThanOrEqual(c / 2);
          expect(delays[n]).toBeLessThanOrEqual(c);
        });
      }),
      { numRuns: 100 },
    );
  });

  // Property 41 (db-cache-infrastructure): Connection Retry with Backoff
  // Property 28 (backend-optimization): Connection retry
  it('a connection failure is retried with backoff up to 3 times before giving up, and a recovery on the way is returned', async () => {
    expect(RETRY_DEFAULTS).toMatchObject({ maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 60_000, jitter: true });
    await fc.assert(
      fc.asyncProperty(connectionFailures, fc.integer({ min: 0, max: 6 }), async ([, makeError], failures) => {
        const { times, delays, result } = await timeCalls(new Retrier({ jitter: false }), failures, makeError);
        const calls = Math.min(failures + 1, 4);
        expect(times).toHaveLength(calls);
        expect(delays).toEqual([1000, 2000, 4000].slice(0, calls - 1));
        if (failures <= 3) {
          expect(result).toEqual({ value: 'connected' });
        } else {
          const error = (result as { error: unknown }).error;
          expect(error).toBeInstanceOf(AppError);
          expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 4, maxAttempts: 4, operation: 'db connect' } });
          expect((error as AppError).message).toMatch(/after 4 attempts/);
        }
      }),
      { numRuns: 100 },
    );
  });
});
