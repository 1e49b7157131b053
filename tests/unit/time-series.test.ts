import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeSeries } from '@/server/observability/time-series';

describe('TimeSeries', () => {
  it('sums counters per bucket and forgets what is older than it keeps', () => {
    let now = 1_000_000;
    const ts = new TimeSeries(1000, 5000, () => now);
    ts.add('x');
    ts.add('x', 2);
    now += 1000;
    ts.add('x');
    expect(ts.points(2000).map((p) => p.values.x ?? 0)).toEqual([3, 1]);
    now += 10_000;
    expect(ts.points().every((p) => Object.keys(p.values).length === 0)).toBe(true);
  });

  it('for any recordings, the points of the kept window sum to what was added in it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 5 })), { maxLength: 200 }), (events) => {
        const sorted = [...events].sort((a, b) => a[0] - b[0]);
        let now = 0;
        const ts = new TimeSeries(1000, 10_000, () => now);
        for (const [at, by] of sorted) {
          now = at;
          ts.add('n', by);
        }
        const end = Math.floor(now / 1000) * 1000;
        const expected = sorted.filter(([at]) => at >= end - 9000).reduce((s, [, by]) => s + by, 0);
        const got = ts.points().reduce((s, p) => s + (p.values.n ?? 0), 0);
        expect(got).toBe(expected);
      }),
    );
  });

  it('keeps the last and the maximum of a gauge', () => {
    const ts = new TimeSeries(1000, 5000, () => 0);
    ts.set('lag', 3);
    ts.set('lag', 9);
    ts.set('lag', 4);
    expect(ts.points(1000)[0]!.values).toEqual({ lag: 4, 'lag:max': 9 });
  });
});
