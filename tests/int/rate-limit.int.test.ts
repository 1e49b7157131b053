// The sliding-window limiter against the stack's real Redis (no mocks): design
// properties 26, 27, 29 and 30 of db-cache-infrastructure, checked decision by
// decision against a reference model, and the fixed-window contrast the issue asks
// for (rate-limiter-flexible's RateLimiterRedis admits nearly 2N across a boundary).
//
// Time: the properties inject "now" (RateLimiterOptions.clock, passed to the Lua
// script in place of Redis's TIME) so that fast-check can place arrivals exactly on
// window boundaries, in the same millisecond, or W apart, which real sleeps can't do
// reliably on a shared machine, and 200 runs take a second instead of minutes. The
// script is the production one; only the source of "now" differs. One property also
// runs on Redis's own clock with real sleeps, checking the times the script reports.
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth';
import { AppError } from '@/server/lib';
import { limitActor, RateLimiter, replaceApiLimiter, type MeasuredDecision, type RateLimitDecision } from '@/server/resilience/rate-limit';
import { model, runPrefix, sleep, testRedis, worstWindow, type Arrival, type Expected } from './rate-limit-model';

let redis: Redis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  replaceApiLimiter(null);
  redis.disconnect();
});

const BASE = 1_700_000_000_000;

/** A limiter of its own (prefix) whose clock reads `clock.now`. */
function injected(policy: { perKey: number; global: number; windowMs: number }) {
  const clock = { now: BASE };
  const limiter = new RateLimiter({ redis, policy, prefix: runPrefix('prop'), name: 'test-properties', clock: () => clock.now });
  return { limiter, clock };
}

const outcomeOf = (d: RateLimitDecision): Expected =>
  d.outcome === 'rejected' ? `rejected:${d.scope!}` : d.outcome;

/** Gaps in ms that favour the interesting ones: same ms, just inside, on, just past W. */
const gaps = (w: number) => fc.oneof(fc.constantFrom(0, 1, w - 1, w, w + 1), fc.integer({ min: 0, max: 2 * w }));

/** Checks every identity's and the global admitted times: no window of W holds more than its limit. */
function expectNoWindowOverLimit(admitted: Arrival[], perKey: number, global: number, windowMs: number): void {
  for (const id of new Set(admitted.map((a) => a.id))) {
    const times = admitted.filter((a) => a.id === id).map((a) => a.t);
    expect(worstWindow(times, windowMs), id).toBeLessThanOrEqual(perKey);
  }
  expect(worstWindow(admitted.map((a) => a.t), windowMs)).toBeLessThanOrEqual(global);
}

describe('exact sliding window (Redis)', () => {
  // Property 29 (db-cache-infrastructure): sliding window rate limiting
  it('for any arrival sequence, decides exactly as the sliding-window model and no interval of W admits more than N', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(50, 500, 60_000).chain((w) => fc.tuple(fc.constant(w), fc.array(gaps(w), { minLength: 1, maxLength: 40 }))),
        async (n, [w, gs]) => {
          const { limiter, clock } = injected({ perKey: n, global: 1_000_000, windowMs: w });
          const arrivals: Arrival[] = [];
          const decisions: MeasuredDecision[] = [];
          for (const g of gs) {
            clock.now += g;
            arrivals.push({ id: 'k', t: clock.now });
            const d = (await limiter.check('k')) as MeasuredDecision;
            expect(d.backend).toBe('redis');
            expect(d.at).toBe(clock.now);
            decisions.push(d);
          }
          const expected = model(arrivals, n, 1_000_000, w);
          expect(decisions.map(outcomeOf)).toEqual(expected.map((e) => e.outcome));
          expect(decisions.map((d) => d.retryAfterMs)).toEqual(expected.map((e) => e.retryAfterMs));
          // Remaining never goes negative and matches what the window holds.
          for (const d of decisions) expect(d.key.remaining).toBe(Math.max(0, n - d.key.count));
          const admitted = arrivals.filter((_, i) => decisions[i]!.allowed).map((a) => a.t);
          expect(worstWindow(admitted, w)).toBeLessThanOrEqual(n);
          // The same statement, spelled out: any N + 1 consecutive admissions span at least W.
          for (let i = 0; i + n < admitted.length; i++) expect(admitted[i + n]! - admitted[i]!).toBeGreaterThanOrEqual(w);
        },
      ),
      { numRuns: 200 },
    );
  });

  // Property 29 (db-cache-infrastructure): sliding window rate limiting — on Redis's clock
  it('on Redis server time with real arrivals, N = 5 within W = 300 ms: the reported times obey the same model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })), { minLength: 6, maxLength: 14 }), async (gs) => {
        const limiter = new RateLimiter({ redis, policy: { perKey: 5, global: 1_000_000, windowMs: 300 }, prefix: runPrefix('real'), name: 'test-properties' });
        const arrivals: Arrival[] = [];
        const decisions: MeasuredDecision[] = [];
        for (const g of gs) {
          await sleep(g);
          const d = (await limiter.check('k')) as MeasuredDecision;
          expect(d.backend).toBe('redis');
          expect(Math.abs(d.at - Date.now())).toBeLessThan(5_000); // Redis's clock, in ms since the epoch
          arrivals.push({ id: 'k', t: d.at });
          decisions.push(d);
        }
        expect(decisions.map(outcomeOf)).toEqual(model(arrivals, 5, 1_000_000, 300).map((e) => e.outcome));
        expect(worstWindow(arrivals.filter((_, i) => decisions[i]!.allowed).map((a) => a.t), 300)).toBeLessThanOrEqual(5);
      }),
      { numRuns: 8 },
    );
  });

  // Property 29 (db-cache-infrastructure): sliding window rate limiting — through an
  // auto-pipelined connection (the API limiter's), where the decisions of one event-loop
  // turn go to Redis in one write: each script still runs alone, in the order sent.
  it('with auto-pipelining and bursts of concurrent decisions, each burst decided in order exactly as the model, never over N in W', async () => {
    const pipelined = await testRedis({ enableAutoPipelining: true });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 150 })), { minLength: 2, maxLength: 8 }),
          async (bursts) => {
            const limiter = new RateLimiter({ redis: pipelined, policy: { perKey: 5, global: 1_000_000, windowMs: 300 }, prefix: runPrefix('pipe'), name: 'test-properties' });
            const arrivals: Arrival[] = [];
            const decisions: MeasuredDecision[] = [];
            for (const [size, gap] of bursts) {
              await sleep(gap);
              // Issued in one turn: one pipeline, decided in this order.
              const burst = (await Promise.all(Array.from({ length: size }, () => limiter.check('k')))) as MeasuredDecision[];
              for (const d of burst) {
                expect(d.backend).toBe('redis');
                arrivals.push({ id: 'k', t: d.at });
                decisions.push(d);
              }
            }
            expect(decisions.map(outcomeOf)).toEqual(model(arrivals, 5, 1_000_000, 300).map((e) => e.outcome));
            expect(worstWindow(arrivals.filter((_, i) => decisions[i]!.allowed).map((a) => a.t), 300)).toBeLessThanOrEqual(5);
          },
        ),
        { numRuns: 10 },
      );
    } finally {
      pipelined.disconnect();
    }
  });

  it('rate-limiter-flexible (fixed window, same N and W, same Redis) admits nearly 2N within one W across a boundary; the sliding window admits N', async () => {
    const n = 5;
    const w = 1000; // RateLimiterRedis takes whole seconds
    let fixedWorst = 0;
    for (let attempt = 0; attempt < 3 && fixedWorst <= n; attempt++) {
      const id = `contrast-${attempt}`;
      const fixed = new RateLimiterRedis({ storeClient: redis, points: n, duration: w / 1000, keyPrefix: runPrefix('rlf') });
      const sliding = new RateLimiter({ redis, policy: { perKey: n, global: 1_000_000, windowMs: w }, prefix: runPrefix('contrast'), name: 'test-contrast' });
      const fixedAdmits: { sent: number; got: number }[] = [];
      const slidingAdmits: number[] = [];
      const burst = async (count: number) => {
        await Promise.all(
          Array.from({ length: count }, async () => {
            const sent = performance.now();
            const ok = await fixed.consume(id).then(
              () => true,
              (e: unknown) => {
                if (e instanceof RateLimiterRes) return false;
                throw e;
              },
            );
            if (ok) fixedAdmits.push({ sent, got: performance.now() });
          }),
        );
        const ds = await Promise.all(Array.from({ length: count }, () => sliding.check(id) as Promise<MeasuredDecision>));
        for (const d of ds) if (d.allowed) slidingAdmits.push(d.at);
      };
      // One request opens the fixed window (it starts at its first request)...
      const opened = performance.now();
      const first = await fixed.consume(id);
      fixedAdmits.push({ sent: opened, got: performance.now() });
      const d0 = (await sliding.check(id)) as MeasuredDecision;
      slidingAdmits.push(d0.at);
      const expiresAt = opened + first.msBeforeNext;
      // ...N arrive just before it closes, and N just after.
      await sleep(expiresAt - 150 - performance.now());
      await burst(n);
      await sleep(expiresAt + 30 - performance.now());
      await burst(n);

      // Client-side times bound the server's: an admission happened between send and reply.
      // So fixed admissions whose (latest reply - earliest send) < W certainly share a window.
      fixedAdmits.sort((a, b) => a.sent - b.sent);
      for (let i = 0; i < fixedAdmits.length; i++) {
        const inside = fixedAdmits.filter((a) => a.sent >= fixedAdmits[i]!.sent && a.got < fixedAdmits[i]!.sent + w).length;
        fixedWorst = Math.max(fixedWorst, inside);
      }
      // The sliding window's own times are Redis's: exact.
      expect(slidingAdmits.length).toBe(n + 1); // the opener leaves in time for one of the last burst
      expect(worstWindow(slidingAdmits, w)).toBeLessThanOrEqual(n);
    }
    expect(fixedWorst).toBe(2 * n - 1); // not 2N: its window starts at a request, not on the clock
  });
});

describe('per user, global and admin bypass', () => {
  const user = (i: number, role: 'officer' | 'admin' = 'officer'): Actor => ({ kind: 'user', userId: `u${i}`, role, stationId: 1, name: `User ${i}` });

  /** limitActor through the API limiter, replaced by `limiter`; a RATE_LIMITED error is a rejection. */
  async function viaLimitActor(actor: Actor): Promise<{ outcome: Expected; retryAfterMs: number }> {
    try {
      const d = await limitActor(actor);
      if (d.outcome === 'bypassed') return { outcome: 'bypassed', retryAfterMs: 0 };
      expect(d.backend).toBe('redis');
      return { outcome: 'allowed', retryAfterMs: 0 };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'RATE_LIMITED') throw err;
      const details = err.details as { scope: 'key' | 'global'; retryAfterSeconds: number };
      return { outcome: `rejected:${details.scope}`, retryAfterMs: details.retryAfterSeconds };
    }
  }

  const sequence = (users: number, w: number) =>
    fc.array(fc.record({ who: fc.integer({ min: 0, max: users - 1 }), gap: gaps(w), admin: fc.boolean() }), { minLength: 1, maxLength: 60 });

  // Property 26 (db-cache-infrastructure): per-user rate limiting
  it('for any interleaving of users, each user is held to N in any window, independently of the others', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), sequence(4, 500), async (n, steps) => {
        const { limiter, clock } = injected({ perKey: n, global: 1_000_000, windowMs: 500 });
        replaceApiLimiter(limiter);
        const arrivals: Arrival[] = [];
        const got: Expected[] = [];
        for (const s of steps) {
          clock.now += s.gap;
          arrivals.push({ id: `user:u${s.who}`, t: clock.now });
          got.push((await viaLimitActor(user(s.who))).outcome);
        }
        expect(got).toEqual(model(arrivals, n, 1_000_000, 500).map((e) => e.outcome));
        expect(got).not.toContain('rejected:global');
        expectNoWindowOverLimit(arrivals.filter((_, i) => got[i] === 'allowed'), n, 1_000_000, 500);
      }),
      { numRuns: 100 },
    );
  });

  // Property 27 (db-cache-infrastructure): global rate limiting
  it('for any traffic of many identities, all of them together are held to the global limit in any window', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }), sequence(12, 500), async (g, n, steps) => {
        const { limiter, clock } = injected({ perKey: n, global: g, windowMs: 500 });
        const arrivals: Arrival[] = [];
        const got: Expected[] = [];
        for (const s of steps) {
          clock.now += s.gap;
          arrivals.push({ id: `k${s.who}`, t: clock.now });
          const d = await limiter.check(`k${s.who}`);
          expect(d.backend).toBe('redis');
          got.push(outcomeOf(d));
          if (d.outcome !== 'bypassed') expect(d.global.count).toBeLessThanOrEqual(g);
        }
        expect(got).toEqual(model(arrivals, n, g, 500).map((e) => e.outcome));
        expectNoWindowOverLimit(arrivals.filter((_, i) => got[i] === 'allowed'), n, g, 500);
      }),
      { numRuns: 150 },
    );
  });

  // Property 30 (db-cache-infrastructure): admin rate limit bypass
  it('for any mix of admins and officers, admins are never refused and never count; officers are limited as if admins were absent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), sequence(4, 500), async (n, g, steps) => {
        const { limiter, clock } = injected({ perKey: n, global: g, windowMs: 500 });
        replaceApiLimiter(limiter);
        const arrivals: Arrival[] = [];
        const got: Expected[] = [];
        for (const s of steps) {
          clock.now += s.gap;
          arrivals.push({ id: `user:u${s.who}`, t: clock.now, bypass: s.admin });
          got.push((await viaLimitActor(user(s.who, s.admin ? 'admin' : 'officer'))).outcome);
        }
        expect(got).toEqual(model(arrivals, n, g, 500).map((e) => e.outcome));
        steps.forEach((s, i) => s.admin && expect(got[i]).toBe('bypassed'));
      }),
      { numRuns: 100 },
    );
  });

  it('an admin gets through while the global window is full, without touching it', async () => {
    const { limiter } = injected({ perKey: 100, global: 2, windowMs: 60_000 });
    replaceApiLimiter(limiter);
    expect((await viaLimitActor(user(1))).outcome).toBe('allowed');
    expect((await viaLimitActor(user(2))).outcome).toBe('allowed');
    expect((await viaLimitActor(user(3))).outcome).toBe('rejected:global');
    const before = await redis.zcard(`${(limiter as unknown as { prefix: string }).prefix}:global`);
    for (let i = 0; i < 20; i++) expect((await viaLimitActor(user(9, 'admin'))).outcome).toBe('bypassed');
    expect(await redis.zcard(`${(limiter as unknown as { prefix: string }).prefix}:global`)).toBe(before);
  });
});
