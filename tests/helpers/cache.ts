// Cache instances of a test's own: their own Redis connections (commands and pub/sub),
// L1, breaker, key prefix and channel, so tests run in parallel without sharing state.
// `dead: true` points at a port nothing listens on: every Redis call fails at once.
import { Redis, type RedisOptions } from 'ioredis';
import { cacheOptions, TwoLevelCache, type TwoLevelCacheOptions } from '../../server/cache';
import { topology } from '../../server/env';
import { breakerRegistry } from '../../server/resilience/policies';
import { uid } from './fixtures';

export const DEAD_REDIS = 'redis://127.0.0.1:1';

export function redisClient(url = topology.redisUrl, extra: RedisOptions = {}): Redis {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 1000, commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, autoResubscribe: false, retryStrategy: (n) => Math.min(n * 100, 1000), ...extra });
  r.on('error', () => {});
  r.connect().catch(() => {});
  return r;
}

export type TestCache = { cache: TwoLevelCache; command: Redis; close: () => Promise<void> };

/** A cache of its own; pass `space` to make several instances that share Redis entries and pub/sub. */
export async function makeCache(opts: { space?: string; dead?: boolean } & Partial<TwoLevelCacheOptions> = {}): Promise<TestCache> {
  const { space = uid(6), dead = false, ...overrides } = opts;
  const url = dead ? DEAD_REDIS : topology.redisUrl;
  const command = redisClient(url);
  const subscriber = redisClient(url);
  const breakerName = `redis:test-${uid(6)}`;
  const cache = new TwoLevelCache(
    command,
    subscriber,
    cacheOptions({
      enabled: true,
      prefix: `afg:test:${space}:`,
      channel: `afg:test:${space}:invalidate`,
      breaker: breakerRegistry.breaker(breakerName, { halfOpenAfterMs: 500 }),
      ...overrides,
    }),
  );
  if (!dead) await waitFor(() => cache.isListening, 5000);
  return {
    cache,
    command,
    close: async () => {
      await cache.close();
      command.disconnect();
      breakerRegistry.remove(breakerName);
    },
  };
}

export async function waitFor(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A fetch that counts its calls and returns the current value of a "database" map. */
export function countingSource<T>(initial: Map<string, T> = new Map()) {
  const calls = new Map<string, number>();
  return {
    data: initial,
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    fetch: (key: string) => async () => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1)); // a database read takes a moment
      return initial.get(key) ?? null;
    },
  };
}
