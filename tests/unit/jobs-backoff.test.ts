// The jobs' retry delays (server/jobs/backoff.ts) and contracts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, retryWindowMs } from '@/server/jobs/backoff';
import { JOBS, PRIORITY, QUEUES } from '@/server/jobs/contracts';

describe('job retry delays', () => {
  // Property 18 (backend-optimization): Task retry with exponential backoff — for any
  // base, cap and jitter draws, below the cap retry n+1 never waits less than retry n;
  // no wait passes the cap, and at the cap waits stay within [cap/2, cap] (jitter kept
  // there, where a herd of failures most needs spreading).
  it('grow exponentially, never shrink below the cap, never pass it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (baseMs, capMs, n, r1, r2) => {
          const cfg = { baseMs, capMs };
          const a = retryDelayMs(n, cfg, () => r1);
          const b = retryDelayMs(n + 1, cfg, () => r2);
          const d = Math.min(capMs, baseMs * 2 ** (n - 1));
          if (baseMs * 2 ** n <= capMs) expect(b).toBeGreaterThanOrEqual(a - 1); // - 1: rounding
          else expect(b).toBeGreaterThanOrEqual(Math.floor(capMs / 2));
          expect(a).toBeLessThanOrEqual(capMs);
          expect(a).toBeGreaterThanOrEqual(Math.floor(d / 2));
        },
      ),
    );
  });

  it('follows the design: 1 min base, 10 min cap → about 1, 2, 4, 8, 10, 10 min', () => {
    const cfg = { baseMs: 60_000, capMs: 600_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryWindowMs(n, cfg)[1])).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(retryWindowMs(1, cfg)).toEqual([30_000, 60_000]);
  });
});

describe('job contracts', () => {
  it('every job runs on a known queue with a known priority, and payloads are strict', () => {
    for (const [name, c] of Object.entries(JOBS)) {
      expect(QUEUES, name).toContain(c.queue);
      expect(Object.keys(PRIORITY), name).toContain(c.priority);
      expect(c.payload.safeParse({ unexpected: 1 }).success, name).toBe(false);
    }
  });

  it('a PDF job needs a FIR id', () => {
    expect(JOBS['fir.pdf'].payload.safeParse({}).success).toBe(false);
    expect(JOBS['fir.pdf'].payload.safeParse({ firId: 'not-a-uuid' }).success).toBe(false);
    expect(JOBS['fir.pdf'].payload.safeParse({ firId: '6f1c2a9e-1f0a-4d43-9a52-5a3f3b9d7c11' }).success).toBe(true);
  });
});
