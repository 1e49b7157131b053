// The rule state machine and the histogram quantile the latency rules read.
import fc from 'fast-check';
import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { breaches, initialState, step, type RuleCondition } from '@/server/alerts/state';
import { parseExposition } from '@/server/observability/exposition';
import { computeMetrics, quantileOf } from '@/server/observability/metric-queries';

const condition: fc.Arbitrary<RuleCondition> = fc.record({
  comparator: fc.constantFrom('above', 'below'),
  threshold: fc.integer({ min: -50, max: 50 }),
  forSeconds: fc.integer({ min: 0, max: 120 }),
});
const reading = fc.option(fc.integer({ min: -100, max: 100 }), { freq: 6 });

describe('alert rule state', () => {
  // Property 24 (backend-optimization) and 40 (db-cache-infrastructure), on the pure step:
  // a rule fires exactly when its metric has been past the threshold for forSeconds, fires
  // once per breach, resolves at the first reading that is back (or gone), never fires on no data.
  it('fires after the breach has held forSeconds, once, and resolves when it ends', () => {
    fc.assert(
      fc.property(condition, fc.array(fc.tuple(reading, fc.integer({ min: 1, max: 60 })), { maxLength: 40 }), (rule, readings) => {
        let state = initialState();
        let now = 1_000_000;
        let breachSince: number | null = null;
        let firing = false;
        for (const [value, gap] of readings) {
          now += gap * 1000;
          const { state: next, transition } = step(rule, state, value, now);
          const breach = breaches(rule, value);
          if (value === null) expect(breach).toBe(false);
          if (!breach) breachSince = null;
          else breachSince ??= now;
          const shouldFire = !firing && breach && now - breachSince! >= rule.forSeconds * 1000;
          const shouldResolve = firing && !breach;
          expect(transition).toBe(shouldFire ? 'firing' : shouldResolve ? 'resolved' : null);
          if (shouldFire) firing = true;
          if (shouldResolve) {
            firing = false;
            breachSince = null;
          }
          if (firing && breach) breachSince = breachSince ?? now;
          expect(next.firing).toBe(firing);
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('latency quantiles', () => {
  it('land in the bucket that holds the true quantile', async () => {
    const buckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 0.0001, max: 0.9, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.constantFrom(0.5, 0.95, 0.99), async (xs, q) => {
        const registry = new client.Registry();
        const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['route', 'method', 'status'], buckets, registers: [registry] });
        const before = { at: 0, samples: parseExposition(await registry.metrics()) };
        for (const x of xs) h.observe({ route: '/r', method: 'GET', status: '200' }, x);
        const after = { at: 10_000, samples: parseExposition(await registry.metrics()) };
        const key = q === 0.5 ? 'http_latency_p50_seconds' : q === 0.95 ? 'http_latency_p95_seconds' : 'http_latency_p99_seconds';
        const got = computeMetrics({ prev: before, curr: after })[key]!;
        const sorted = [...xs].sort((a, b) => a - b);
        const truth = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
        const upper = buckets.find((b) => truth <= b)!;
        const lower = [0, ...buckets].filter((b) => b < upper).at(-1)!;
        expect(got).toBeGreaterThanOrEqual(lower - 1e-12);
        expect(got).toBeLessThanOrEqual(upper + 1e-12);
        expect(computeMetrics({ prev: before, curr: after }).http_request_rate).toBeCloseTo(xs.length / 10, 9);
      }),
      { numRuns: 150 },
    );
  });

  it('is no data without observations', () => {
    expect(quantileOf(0.95, new Map([[0.1, 0], [Number.POSITIVE_INFINITY, 0]]))).toBeNull();
  });
});
