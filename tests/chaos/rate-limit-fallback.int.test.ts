// Redis killed (SIGKILL) under a steady stream of rate-limit decisions: decisions keep
// coming, from the in-process limiter, with no errors; the fallback gauge reads 1 and
// the fallback counter grows; limits still hold (per instance) meanwhile; and once
// `up()` brings Redis back, the limiter returns to it and the gauge to 0. A Redis that
// is up but slower than the limiter's timeout (CLIENT PAUSE) is treated the same way,
// and no decision waits much past the timeout. Local stack only: it kills and pauses
// the stack's Redis, which is why this is a chaos test (the chaos project runs alone).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up, stopNode } from '@/server/data/local-stack';
import { topology } from '@/server/env';
import { registry } from '@/server/observability';
import { RateLimiter, type RateLimitDecision } from '@/server/resilience/rate-limit';
import { eventually } from '../helpers/test-db';

const quiet = { log: () => {} };
const NAME = 'chaos-fallback';

async function metricValue(name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  const values = (await metric!.get()).values;
  return values.find((v) => v.labels.limiter === NAME)?.value ?? 0;
}

describe.skipIf(!topology.local)('rate limiting while Redis is killed (local stack)', () => {
  let client: Redis;
  let limiter: RateLimiter;

  beforeAll(async () => {
    await up(quiet);
    // Configured as the API limiter's own connection is (server/resilience/rate-limit/api-limits.ts).
    client = new Redis(topology.redisUrl, {
      lazyConnect: true,
      connectTimeout: 1000,
      commandTimeout: 250,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    client.on('error', () => {});
    await client.connect();
    limiter = new RateLimiter({
      redis: client,
      policy: { perKey: 5, global: 1_000_000, windowMs: 60_000 },
      prefix: `rl-test:chaos:${randomUUID()}`,
      name: NAME,
      redisTimeoutMs: 200,
      probeIntervalMs: 200,
    });
  });

  afterAll(async () => {
    await up(quiet);
    client.disconnect();
  });

  it('falls back to the in-process limiter with zero errors, says so, and returns to Redis after up()', async () => {
    const seen: RateLimitDecision[] = [];
    const errors: unknown[] = [];
    let running = true;
    // Four steady clients over 40 identities, as a small API under load would be.
    const load = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; running; i++) {
        try {
          seen.push(await limiter.check(`load-${w}-${i % 10}`));
        } catch (err) {
          errors.push(err);
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    });

    try {
      expect(await eventually(async () => seen.length > 50, 10_000, 20)).toBe(true);
      expect(seen.every((d) => d.backend === 'redis')).toBe(true);
      expect(await metricValue('rate_limit_fallback_active')).toBe(0);
      const fallbackBefore = await metricValue('rate_limit_fallback_decisions_total');

      await stopNode('redis', { mode: 'kill9', ...quiet });
      const killedAt = seen.length;
      expect(await eventually(async () => (await metricValue('rate_limit_fallback_active')) === 1, 5_000, 20)).toBe(true);
      expect(await eventually(async () => seen.slice(killedAt).filter((d) => d.backend === 'memory').length > 50, 10_000, 20)).toBe(true);
      expect(await metricValue('rate_limit_fallback_decisions_total')).toBeGreaterThan(fallbackBefore + 50);
      expect(limiter.usingFallback).toBe(true);

      // The fallback still limits: the same exact window, in this process.
      const fresh = `outage-${randomUUID()}`;
      const outage = [];
      for (let i = 0; i < 7; i++) outage.push(await limiter.check(fresh));
      expect(outage.map((d) => d.backend)).toEqual(Array(7).fill('memory'));
      expect(outage.map((d) => d.outcome)).toEqual([...Array(5).fill('allowed'), 'rejected', 'rejected']);

      await up(quiet);
      const restartedAt = seen.length;
      // The client reconnects by itself (at most every 2 s), then the next probe succeeds.
      expect(await eventually(async () => (await metricValue('rate_limit_fallback_active')) === 0, 15_000, 50)).toBe(true);
      expect(await eventually(async () => seen.slice(restartedAt).some((d) => d.backend === 'redis'), 5_000, 20)).toBe(true);
      const afterReturn = seen.length;
      expect(await eventually(async () => seen.length > afterReturn + 50, 5_000, 20)).toBe(true);
      expect(seen.slice(afterReturn).every((d) => d.backend === 'redis')).toBe(true);
      expect(limiter.usingFallback).toBe(false);
    } finally {
      running = false;
      await Promise.all(load);
    }
    expect(errors).toEqual([]);
  });

  it('treats a Redis slower than the timeout as down: decisions take ~the timeout at most, then memory, then Redis again', async () => {
    expect(await eventually(async () => (await limiter.check(`slow-${randomUUID()}`)).backend === 'redis', 15_000, 100)).toBe(true);
    const admin = new Redis(topology.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
      const timings: { ms: number; d: RateLimitDecision }[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        const d = await limiter.check(`slow-${i % 3}`);
        timings.push({ ms: performance.now() - t, d });
      }
      expect(timings[0]!.d.backend).toBe('memory'); // the first one waited for the timeout
      expect(timings[0]!.ms).toBeGreaterThanOrEqual(190);
      expect(Math.max(...timings.map((x) => x.ms))).toBeLessThan(600); // 200 ms timeout, noisy machine
      expect(timings.slice(1).every((x) => x.d.backend === 'memory' && x.ms < 50)).toBe(true);
      expect(await metricValue('rate_limit_fallback_active')).toBe(1);
    } finally {
      admin.disconnect();
    }
    // No traffic needed: the limiter probes on a timer while it falls back.
    expect(await eventually(async () => (await metricValue('rate_limit_fallback_active')) === 0, 10_000, 50)).toBe(true);
    expect((await limiter.check('slow-after')).backend).toBe('redis');
  });
});
