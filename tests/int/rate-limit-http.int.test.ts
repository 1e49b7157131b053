// The rate limit over real HTTP on /api/v1 (design property 28): after N requests a
// key gets 429 with the error envelope, Retry-After and the IETF draft's RateLimit
// fields, and the refused request causes no database query at all.
//
// How "no query" is shown: every query of this process goes through pg's
// Client.prototype.query (Prisma's pg adapter and its pool use it), so the test wraps
// it with a counter — a tap, not a mock: the real queries still run. Vitest runs each
// file in its own process, so only this file's requests are counted; a positive
// control shows the counter does see the queries an admitted request makes. A second,
// independent sign: an unknown key is a 401 (which needs the api_key row) until its
// window fills, and then a 429 — the limiter answered before anyone read the row.
import pg from 'pg';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter, replaceApiLimiter } from '@/server/resilience/rate-limit';
import { eventually } from '../helpers/test-db';
import { call, draftBody, firCount, makeKey, makeStation, startApi, type Api, type Res } from './rest-api-fixtures';
import { runPrefix, sleep, testRedis } from './rate-limit-model';

let api: Api;
let redis: Redis;
let queries = 0;
const originalQuery = pg.Client.prototype.query;

/** Waits until no query has been issued for 300 ms (auth's fire-and-forget last_used_at update). */
async function quietDatabase(): Promise<number> {
  let last = -1;
  await eventually(async () => {
    const seen = queries;
    await sleep(300);
    const quiet = seen === queries && seen === last;
    last = queries;
    return quiet;
  }, 10_000, 0);
  return queries;
}

function useLimiter(policy: { perKey: number; global: number }): void {
  replaceApiLimiter(new RateLimiter({ redis, policy: { ...policy, windowMs: 60_000 }, prefix: runPrefix('http'), name: 'test-http' }));
}

beforeAll(async () => {
  redis = await testRedis();
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
  api = await startApi();
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  replaceApiLimiter(null);
  await api.close();
  redis.disconnect();
});

const POLICY_3 = '"per-key";q=3;w=60, "global";q=1000000;w=60';

function expectRateLimited(res: Res, scope: 'key' | 'global', limit: number): void {
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', correlation_id: res.headers.get('x-request-id') });
  expect(res.body.error.message).toMatch(/^Rate limit exceeded/);
  const d = res.body.error.details;
  expect(Object.keys(d).sort()).toEqual(['limit', 'retry_after_seconds', 'scope', 'window_seconds']);
  expect(d).toMatchObject({ limit, window_seconds: 60, scope });
  expect(d.retry_after_seconds).toBeGreaterThanOrEqual(1);
  expect(d.retry_after_seconds).toBeLessThanOrEqual(60);
  expect(res.headers.get('retry-after')).toBe(String(d.retry_after_seconds));
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('rate limits on /api/v1', () => {
  // Property 28 (db-cache-infrastructure): rate limit error response
  it('answers the N+1th request of a key with 429, the envelope and the headers, without a database query', async () => {
    useLimiter({ perKey: 3, global: 1_000_000 });
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const other = await makeKey(station.id);

    for (let i = 0; i < 3; i++) {
      const ok = await call(api.base, 'GET', '/api/v1/firs', { key });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-policy')).toBe(POLICY_3);
      expect(ok.headers.get('ratelimit')).toMatch(new RegExp(`^"per-key";r=${2 - i};t=(59|60), "global";r=\\d+;t=\\d+$`));
      expect(ok.headers.get('retry-after')).toBeNull();
    }
    const firsBefore = await firCount(station.id);

    const before = await quietDatabase();
    const refused = [
      await call(api.base, 'GET', '/api/v1/firs', { key }),
      await call(api.base, 'POST', '/api/v1/firs', { key, json: draftBody() }),
      await call(api.base, 'POST', '/api/v1/firs', { key, raw: '{not json' }), // refused before the body is read
      await call(api.base, 'GET', '/api/v1/firs/00000000-0000-0000-0000-000000000000', { headers: { 'x-api-key': key } }),
    ];
    await sleep(300); // anything the refusals set off would have run by now
    expect(queries - before).toBe(0);

    for (const res of refused) {
      expectRateLimited(res, 'key', 3);
      expect(res.headers.get('ratelimit-policy')).toBe(POLICY_3);
      expect(res.headers.get('ratelimit')).toMatch(/^"per-key";r=0;t=(\d+), "global";r=\d+;t=\d+$/);
      expect(res.headers.get('ratelimit')!.match(/^"per-key";r=0;t=(\d+)/)![1]).toBe(res.headers.get('retry-after'));
    }
    expect(await firCount(station.id)).toBe(firsBefore);

    // Positive control: another key is not limited, and its request's queries are counted.
    const start = await quietDatabase();
    expect((await call(api.base, 'GET', '/api/v1/firs', { key: other.key })).status).toBe(200);
    expect(queries - start).toBeGreaterThan(0);
  });

  it('limits an unknown key before authentication: 401 while admitted (the row is looked up), then 429 (it is not)', async () => {
    useLimiter({ perKey: 3, global: 1_000_000 });
    const unknown = `afk_${'Z'.repeat(12)}_${'x'.repeat(43)}`.replace('ZZZZ', Math.random().toString(36).slice(2, 6).padEnd(4, 'q'));
    for (let i = 0; i < 3; i++) {
      const res = await call(api.base, 'GET', '/api/v1/firs', { key: unknown });
      expect(res.status).toBe(401);
      expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"per-key";r=${2 - i};`));
    }
    const before = await quietDatabase();
    expectRateLimited(await call(api.base, 'GET', '/api/v1/firs', { key: unknown }), 'key', 3);
    expect(queries - before).toBe(0);
  });

  it("does not count requests without a key (a 401 that needs no database), nor let a wrong secret spend a real key's quota", async () => {
    useLimiter({ perKey: 2, global: 1_000_000 });
    for (let i = 0; i < 5; i++) {
      const res = await call(api.base, 'GET', '/api/v1/firs');
      expect(res.status).toBe(401);
      expect(res.headers.get('ratelimit')).toBeNull();
    }
    const { key } = await makeKey((await makeStation()).id);
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (let i = 0; i < 4; i++) await call(api.base, 'GET', '/api/v1/firs', { key: wrongSecret });
    expect((await call(api.base, 'GET', '/api/v1/firs', { key })).status).toBe(200);
  });

  // Property 27 (db-cache-infrastructure): global rate limiting, over HTTP
  it('refuses with scope "global" once all keys together reach the global limit', async () => {
    useLimiter({ perKey: 100, global: 2 });
    const station = await makeStation();
    const keys = await Promise.all([makeKey(station.id), makeKey(station.id), makeKey(station.id)]);
    expect((await call(api.base, 'GET', '/api/v1/firs', { key: keys[0]!.key })).status).toBe(200);
    expect((await call(api.base, 'GET', '/api/v1/firs', { key: keys[1]!.key })).status).toBe(200);
    const res = await call(api.base, 'GET', '/api/v1/firs', { key: keys[2]!.key });
    expectRateLimited(res, 'global', 2);
    expect(res.headers.get('ratelimit')).toMatch(/^"per-key";r=100;t=0, "global";r=0;t=\d+$/);
  });
});
