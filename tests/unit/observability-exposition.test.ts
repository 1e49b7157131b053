// The exposition reader against prom-client's own writer: whatever metrics and label
// values a registry holds, reading its text gives back the same samples.
import fc from 'fast-check';
import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '@/server/observability/exposition';

describe('exposition reader', () => {
  it('reads back what prom-client writes, label values with quotes, backslashes and newlines included, and NaN and infinities', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.oneof(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY))), { minLength: 1, maxLength: 5 }),
        async (entries) => {
          const registry = new client.Registry();
          const g = new client.Gauge({ name: 'x_gauge', help: 'h', labelNames: ['v'], registers: [registry] });
          const expected = new Map<string, number>();
          for (const [v, n] of entries) {
            g.set({ v }, n);
            expected.set(v, n);
          }
          const samples = parseExposition(await registry.metrics());
          expect(samples).toHaveLength(expected.size);
          for (const s of samples) {
            const want = expected.get(s.labels.v!)!;
            // NaN and ±Inf exactly (prom-client writes NaN as "Nan"), finite values to 6 places.
            if (Number.isFinite(want)) expect(s.value).toBeCloseTo(want, 6);
            else expect(s.value).toBe(want);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads histograms with +Inf buckets, and names a line it cannot read', async () => {
    const registry = new client.Registry();
    const h = new client.Histogram({ name: 'x_seconds', help: 'h', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] });
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 5);
    const samples = parseExposition(await registry.metrics());
    expect(samples.find((s) => s.name === 'x_seconds_bucket' && s.labels.le === '+Inf')?.value).toBe(2);
    expect(samples.find((s) => s.name === 'x_seconds_count')?.value).toBe(2);
    expect(() => parseExposition('good 1\nbad{x="1" 2')).toThrow(/bad\{x="1" 2/);
  });
});
