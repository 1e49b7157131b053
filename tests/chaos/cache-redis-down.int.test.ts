// Redis killed (SIGKILL) in the middle of a read load on GET /api/v1/firs/{id}: not one
// request fails (reads fall back to the database; the API limiter to its in-process
// window), and when `up()` brings Redis back the cache recovers by itself: it hears
// invalidations again, its breaker closes, and reads are served from Redis again.
// Local stack only: it kills the stack's Redis (the chaos project runs alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const quiet = { log: () => {} };

// The API's rate limits must not be what this test measures: raised before the app loads.
process.env.RATE_LIMIT_PER_KEY = '100000';
process.env.RATE_LIMIT_GLOBAL = '1000000';

const { topology } = await import('@/server/env');

describe.skipIf(!topology.local)('the cache while Redis is killed (local stack)', () => {
  type Api = Awaited<ReturnType<typeof import('../int/rest-api-fixtures').startApi>>;
  let api: Api;
  let key: string;
  const ids: string[] = [];

  beforeAll(async () => {
    const { up } = await import('@/server/data/local-stack');
    const { startApi, makeKey, makeStation, call, draftBody } = await import('../int/rest-api-fixtures');
    await up(quiet);
    api = await startApi();
    const station = await makeStation();
    key = (await makeKey(station.id)).key;
    for (let i = 0; i < 20; i++) {
      const res = await call(api.base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }] }) });
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
  });

  afterAll(async () => {
    const { up } = await import('@/server/data/local-stack');
    await up(quiet);
    await api?.close();
  });

  it('serves every read while Redis is down, and goes back to Redis by itself when it returns', async () => {
    const { stopNode, up } = await import('@/server/data/local-stack');
    const { cache, redis } = await import('@/server/cache');
    const { firRecordKey } = await import('@/server/fir');
    const { breakerRegistry } = await import('@/server/resilience/policies');
    const { eventually } = await import('../helpers/test-db');
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let done = 0;
    let running = true;
    const load = Array.from({ length: 4 }, async (_, w) => {
      for (let i = w; running; i++) {
        try {
          const res = await fetch(`${api.base}/api/v1/firs/${ids[i % ids.length]}`, { headers: { authorization: `Bearer ${key}` } });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status !== 200) failures.push(`${res.status}`);
        } catch (err) {
          failures.push(String(err));
        }
        done++;
      }
    });
    const fir = () => cache.stats.totals.get('fir')!;
    try {
      expect(await eventually(async () => done > 200, 30_000, 50)).toBe(true);
      expect(fir().l1Hits + fir().l2Hits).toBeGreaterThan(0);

      await stopNode('redis', { mode: 'kill9', ...quiet });
      const atKill = done;
      const errorsAtKill = fir().errors;
      // Keep reading with Redis gone until L1 entries have aged past the degraded TTL and
      // reads went on to the dead Redis (errors counted) and then to the database.
      const fetchesAtKill = fir().misses;
      expect(await eventually(async () => done > atKill + 300 && !cache.isListening && fir().errors > errorsAtKill && fir().misses > fetchesAtKill, 60_000, 50)).toBe(true);
      expect(failures).toEqual([]); // Redis calls failed, and no request did

      await up(quiet);
      // Recovers by itself: subscribed again, breaker closed, entries served from Redis again.
      expect(await eventually(async () => cache.isListening, 60_000, 100)).toBe(true);
      // Redis lost its data with the kill: the cache fills it again from the reads.
      const inRedis = async () => (await Promise.all(ids.map((id) => redis.exists(cache.l2KeyOf(firRecordKey(id)))))).filter(Boolean).length;
      expect(await eventually(async () => breakerRegistry.get('redis:cache')?.state === 'closed' && (await inRedis()) === ids.length, 60_000, 200)).toBe(true);
    } finally {
      running = false;
      await Promise.all(load);
    }
    expect(failures).toEqual([]);
    expect([...statuses.keys()]).toEqual([200]);
  });
});
