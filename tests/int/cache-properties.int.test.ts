// The cache's correctness properties, as fast-check properties against real Redis
// (backend-optimization 6–11, db-cache-infrastructure 17–20, 39, 43–46). Each instance
// here has its own connections, L1, prefix and channel (tests/helpers/cache.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey, NAMESPACES, NAMESPACE_TTL_MS, parseKey, type CacheNamespace } from '../../server/cache';
import { globToRegExp } from '../../server/cache/keys';
import { registry } from '../../server/observability';
import { countingSource, makeCache, waitFor, type TestCache } from '../helpers/cache';
import { uid } from '../helpers/fixtures';

const RUNS = 100;
const open: TestCache[] = [];
async function cacheOf(opts: Parameters<typeof makeCache>[0] = {}): Promise<TestCache> {
  const c = await makeCache(opts);
  open.push(c);
  return c;
}
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

const ns = fc.constantFrom(...NAMESPACES);
const entity = fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/);
const ident = fc.stringMatching(/^[A-Za-z0-9_.@=+-]{1,40}$/);
// JSON-able values with dates (superjson carries them through L2)
const value = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 50 }),
  fc.record({ n: fc.integer(), s: fc.string({ maxLength: 20 }), at: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }), list: fc.array(fc.integer(), { maxLength: 5 }) }),
);

describe('keys', () => {
  // Property 11 (backend-optimization): cache key namespacing
  it('every key is {namespace}:{entity}:{identifier}, and distinct parts make distinct keys', () => {
    fc.assert(
      fc.property(ns, entity, ident, ns, entity, ident, (n1, e1, i1, n2, e2, i2) => {
        const k1 = cacheKey(n1, e1, i1);
        expect(k1).toBe(`${n1}:${e1}:${i1}`);
        expect(parseKey(k1)).toEqual({ namespace: n1, entity: e1, identifier: i1 });
        const same = n1 === n2 && e1 === e2 && i1 === i2;
        expect(k1 === cacheKey(n2, e2, i2)).toBe(same);
      }),
      { numRuns: 500 },
    );
    expect(() => cacheKey('fir', 'record', 'a:b')).toThrow(RangeError);
    expect(() => cacheKey('nope' as CacheNamespace, 'record', '1')).toThrow(RangeError);
  });
});

describe('reads', () => {
  let c: TestCache;
  beforeAll(async () => {
    c = await cacheOf();
  });

  // Property 6 (backend-optimization): cache entries have TTL values
  // Property 17 (db-cache-infrastructure): query result caching with the configured TTL
  it('every entry stored in Redis has a TTL, at most its namespace TTL', async () => {
    await fc.assert(
      fc.asyncProperty(ns, ident, value, async (n, id, v) => {
        const key = cacheKey(n, 'ttl', `${id}-${uid()}`);
        await c.cache.getOrFetch(key, async () => v);
        const pttl = await c.command.pttl(c.cache.l2KeyOf(key));
        expect(pttl).toBeGreaterThan(0);
        expect(pttl).toBeLessThanOrEqual(NAMESPACE_TTL_MS[n]);
      }),
      { numRuns: RUNS },
    );
  });

  // Property 8 (backend-optimization): cache miss triggers fetch and populate
  it('a miss fetches once and populates both levels', async () => {
    await fc.assert(
      fc.asyncProperty(ns, value, async (n, v) => {
        const key = cacheKey(n, 'miss', uid());
        const src = countingSource(new Map([[key, v]]));
        expect(await c.cache.getOrFetch(key, src.fetch(key))).toEqual(v);
        expect(src.calls.get(key)).toBe(1);
        expect(c.cache.hasLocal(key)).toBe(true);
        expect(await c.command.exists(c.cache.l2KeyOf(key))).toBe(1);
      }),
      { numRuns: RUNS },
    );
  });

  // Property 7 (backend-optimization): cache hit returns cached value
  // Property 19 (db-cache-infrastructure): cache hit avoids the database
  it('a hit, from L1 or from L2, returns the stored value without fetching', async () => {
    const other = await cacheOf({ space: c.cache.l2KeyOf('').split(':')[2] }); // same Redis entries, its own empty L1
    await fc.assert(
      fc.asyncProperty(ns, value, async (n, v) => {
        const key = cacheKey(n, 'hit', uid());
        const src = countingSource(new Map([[key, v]]));
        await c.cache.getOrFetch(key, src.fetch(key));
        expect(await c.cache.getOrFetch(key, src.fetch(key))).toEqual(v); // L1
        expect(await other.cache.getOrFetch(key, src.fetch(key))).toEqual(v); // L2
        expect(src.calls.get(key)).toBe(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('single-flight: concurrent misses on one key fetch once per instance', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 60 }), value, async (n, v) => {
        const key = cacheKey('fir', 'flight', uid());
        const src = countingSource(new Map([[key, v]]));
        const got = await Promise.all(Array.from({ length: n }, () => c.cache.getOrFetch(key, src.fetch(key))));
        expect(got.every((g) => JSON.stringify(g) === JSON.stringify(v))).toBe(true);
        expect(src.calls.get(key)).toBe(1);
      }),
      { numRuns: 30 },
    );
  });

  // Property 18 (db-cache-infrastructure): LRU cache behaviour
  it('L1 keeps the most recently used entries and evicts the least recently used', async () => {
    const max = 5;
    const small = await cacheOf({ l1MaxEntries: max });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 40 }), async (accesses) => {
        small.cache.clearLocal();
        const run = uid();
        const order: string[] = []; // least recent first
        for (const a of accesses) {
          const key = cacheKey('kb', 'lru', `${run}-${a}`);
          await small.cache.getOrFetch(key, async () => a);
          const at = order.indexOf(key);
          if (at >= 0) order.splice(at, 1);
          order.push(key);
          if (order.length > max) order.shift();
        }
        const all = [...new Set(accesses)].map((a) => cacheKey('kb', 'lru', `${run}-${a}`));
        expect(all.filter((k) => small.cache.hasLocal(k)).sort()).toEqual([...order].sort());
      }),
      { numRuns: RUNS },
    );
  });
});

describe('writes and invalidation', () => {
  let a: TestCache;
  let b: TestCache;
  beforeAll(async () => {
    const space = uid(6);
    a = await cacheOf({ space });
    b = await cacheOf({ space });
  });

  /** Resolves when `c` has applied an invalidation message from another instance. */
  const heard = (c: TestCache) => new Promise<void>((resolve) => {
    const off = c.cache.onInvalidation(() => {
      off();
      resolve();
    });
  });

  // Property 9 (backend-optimization): data modification invalidates cache
  // Property 20 (db-cache-infrastructure): invalidation in both L1 and L2
  // Property 45 (db-cache-infrastructure): write-through caching
  it('after any sequence of writes (write-through or invalidate), both instances read what the database holds', async () => {
    const op = fc.record({ key: fc.integer({ min: 0, max: 3 }), value: fc.integer(), how: fc.constantFrom('set', 'invalidate'), reader: fc.constantFrom('a', 'b') });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const run = uid();
        const src = countingSource(new Map<string, number>());
        const key = (i: number) => cacheKey('fir', 'record', `${run}-${i}`);
        for (const o of ops) {
          const k = key(o.key);
          const reader = o.reader === 'a' ? a : b;
          await reader.cache.getOrFetch(k, src.fetch(k)); // warm whichever instance reads
          src.data.set(k, o.value); // the database write
          const told = heard(b);
          if (o.how === 'set') await a.cache.set(k, o.value);
          else await a.cache.invalidate(k);
          await told;
          for (const c of [a, b]) expect(await c.cache.getOrFetch(k, src.fetch(k))).toBe(o.value);
          if (o.how === 'set') expect(JSON.parse((await a.command.get(a.cache.l2KeyOf(k)))!).j).toBe(o.value);
        }
      }),
      { numRuns: 40 },
    );
  });

  // Property 43 (db-cache-infrastructure): tag-based cache invalidation
  it('invalidating a tag makes exactly the entries carrying it misses, in every instance and in Redis', async () => {
    const tags = ['firs', 'station:1', 'station:2'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(tags), { minLength: 1, maxLength: 8 }), fc.constantFrom(...tags), async (entries, victim) => {
        const run = uid();
        const keys = entries.map((_, i) => cacheKey('stats', 'tagged', `${run}-${i}`));
        const src = countingSource(new Map(keys.map((k) => [k, 1])));
        for (const [i, k] of keys.entries()) {
          await a.cache.getOrFetch(k, src.fetch(k), { tags: entries[i] });
          await b.cache.getOrFetch(k, src.fetch(k), { tags: entries[i] }); // from L2, into b's L1
        }
        const told = heard(b);
        await a.cache.invalidateTags(victim);
        await told;
        for (const [i, k] of keys.entries()) {
          const before = src.calls.get(k)!;
          await b.cache.getOrFetch(k, src.fetch(k), { tags: entries[i] });
          expect(src.calls.get(k)! - before).toBe(entries[i]!.includes(victim) ? 1 : 0);
        }
      }),
      { numRuns: 40 },
    );
  });

  // Property 46 (db-cache-infrastructure): pattern-based cache invalidation
  it('invalidating a pattern drops exactly the matching keys, in L1 and in Redis (same matcher on both)', async () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'x1', 'y');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(seg, seg), { minLength: 1, maxLength: 8 }), seg, fc.constantFrom('*', '?', ''), async (ids, stem, wild) => {
        const run = uid();
        const keys = ids.map(([x, y]) => cacheKey('kb', 'pat', `${run}-${x}-${y}`));
        for (const k of keys) await a.cache.getOrFetch(k, async () => k);
        const pattern = `kb:pat:${run}-${stem}${wild}`;
        const re = globToRegExp(pattern);
        const told = heard(b);
        await a.cache.invalidatePattern(pattern);
        await told;
        for (const k of keys) {
          expect(a.cache.hasLocal(k)).toBe(!re.test(k));
          expect(await a.command.exists(a.cache.l2KeyOf(k))).toBe(re.test(k) ? 0 : 1);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('failures', () => {
  // Property 10 (backend-optimization): cache failure fallback
  it('with Redis unreachable every read is served from the source, and writes never throw', async () => {
    const dead = await cacheOf({ dead: true });
    await fc.assert(
      fc.asyncProperty(ns, value, async (n, v) => {
        const key = cacheKey(n, 'down', uid());
        const src = countingSource(new Map([[key, v]]));
        expect(await dead.cache.getOrFetch(key, src.fetch(key))).toEqual(v);
        await dead.cache.set(key, v);
        await dead.cache.invalidate(key);
        await dead.cache.invalidateTags('firs');
      }),
      { numRuns: RUNS },
    );
    expect(dead.cache.stats.totals.get('fir')?.errors ?? 0).toBeGreaterThan(0);
  });

  // Property 44 (db-cache-infrastructure): invalidation failure handling
  it('a failed invalidation is queued, new entries get the short TTL meanwhile, and the stale entry is gone once Redis answers', async () => {
    const degradedTtlMs = 3000;
    const c = await cacheOf({ degradedTtlMs });
    const src = countingSource(new Map<string, number>());
    const key = cacheKey('fir', 'record', uid());
    src.data.set(key, 1);
    await c.cache.getOrFetch(key, src.fetch(key));
    // Redis refuses the invalidation (the breaker is held open).
    const breaker = c.cache.options.breaker as unknown as { isolate(): void; reset(): void };
    breaker.isolate();
    src.data.set(key, 2);
    await expect(c.cache.invalidate(key)).resolves.toEqual({ l1: 1, l2: 0 });
    expect(c.cache.pendingInvalidations).toBe(1);
    expect(await c.cache.getOrFetch(key, src.fetch(key))).toBe(2); // L1 was dropped here at once
    expect(JSON.parse((await c.command.get(c.cache.l2KeyOf(key)))!).j).toBe(1); // Redis still holds the stale copy
    // Another entry written while the invalidation is pending lives only the short TTL.
    breaker.reset();
    const other = cacheKey('fir', 'record', uid());
    if (c.cache.pendingInvalidations > 0) {
      await c.cache.getOrFetch(other, async () => 'x');
      const pttl = await c.command.pttl(c.cache.l2KeyOf(other));
      if (c.cache.pendingInvalidations > 0) expect(pttl).toBeLessThanOrEqual(degradedTtlMs);
    }
    // Replayed within a few seconds: the stale copy is gone from Redis.
    await waitFor(() => c.cache.pendingInvalidations === 0, 10_000);
    expect(await c.command.exists(c.cache.l2KeyOf(key))).toBe(0);
  });

  it('while an instance cannot hear invalidations, its L1 serves nothing older than the degraded TTL', async () => {
    const degradedTtlMs = 200;
    const c = await cacheOf({ degradedTtlMs });
    const key = cacheKey('fir', 'record', uid());
    const src = countingSource(new Map([[key, 1]]));
    await c.cache.getOrFetch(key, src.fetch(key));
    const sub = (c.cache as unknown as { subscriber: { disconnect(): void } }).subscriber;
    sub.disconnect(); // no reconnect: deaf from now on
    await waitFor(() => !c.cache.isListening, 2000);
    await new Promise((r) => setTimeout(r, degradedTtlMs + 50));
    const l2Hits = c.cache.stats.totals.get('fir')!.l2Hits;
    expect(await c.cache.getOrFetch(key, src.fetch(key))).toBe(1);
    // L1 held it but it was too old to serve while deaf: Redis answered instead.
    expect(c.cache.stats.totals.get('fir')!.l2Hits).toBe(l2Hits + 1);
    expect(src.calls.get(key)).toBe(1);
  });
});

describe('metrics', () => {
  // Property 39 (db-cache-infrastructure): cache metrics exposure
  it('hits, misses and evictions are counted per namespace and level, and exposed to Prometheus', async () => {
    const c = await cacheOf({ l1MaxEntries: 2 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 20 }), async (accesses) => {
        const before = { ...(c.cache.stats.totals.get('violation') ?? { l1Hits: 0, l2Hits: 0, misses: 0, evictions: 0, errors: 0 }) };
        const run = uid();
        let fetches = 0;
        for (const a of accesses) {
          await c.cache.getOrFetch(cacheKey('violation', 'metric', `${run}-${a}`), async () => {
            fetches++;
            return a;
          });
        }
        const after = c.cache.stats.totals.get('violation')!;
        const hits = after.l1Hits - before.l1Hits + (after.l2Hits - before.l2Hits);
        expect(after.misses - before.misses).toBe(fetches);
        expect(hits + fetches).toBe(accesses.length);
        expect(after.evictions - before.evictions).toBeGreaterThanOrEqual(Math.max(0, new Set(accesses).size - 2));
      }),
      { numRuns: 50 },
    );
    const text = await registry.metrics();
    expect(text).toMatch(/cache_requests_total\{namespace="violation",level="l1",result="hit"\} \d+/);
    expect(text).toMatch(/cache_requests_total\{namespace="violation",level="l2",result="miss"\} \d+/);
    expect(text).toMatch(/cache_evictions_total\{namespace="violation"\} \d+/);
    expect(text).toMatch(/cache_operation_duration_seconds_bucket\{le="[^"]+",namespace="violation",level="l1"\}/);
  });
});
