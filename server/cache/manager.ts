// The process's cache: one TwoLevelCache on the cache's Redis connection, with its own
// subscriber connection for invalidations, configured from env. Made once (remember).
import { randomUUID } from 'node:crypto';
import { env } from '../env';
import { remember } from '../lib';
import { logger } from '../observability';
import { breakerRegistry } from '../resilience/policies';
import type { CacheNamespace } from './keys';
import { CACHE_KEY_PREFIX, cacheDatabase } from './prefix';
import { redis } from './redis';
import { TwoLevelCache, type TwoLevelCacheOptions } from './two-level-cache';

const s = (seconds: number) => seconds * 1000;


/** The TTL of each kind of entry (backend-optimization §2, configurable in env). */
export const NAMESPACE_TTL_MS: Record<CacheNamespace, number> = {
  fir: s(env.CACHE_TTL_FIR_SECONDS),
  violation: s(env.CACHE_TTL_SECTION_CHECK_SECONDS),
  kb: s(env.CACHE_TTL_KB_SECONDS),
  session: s(env.CACHE_TTL_SESSION_SECONDS),
  stats: s(env.CACHE_TTL_STATS_SECONDS),
};

/** Options from env; tests override some (a second instance, a dead Redis). */
export function cacheOptions(overrides: Partial<TwoLevelCacheOptions> = {}): TwoLevelCacheOptions {
  return {
    instanceId: randomUUID(),
    enabled: env.CACHE_ENABLED,
    l1MaxEntries: env.CACHE_L1_MAX_ENTRIES,
    l1TtlMs: s(env.CACHE_L1_TTL_SECONDS),
    ttlMs: NAMESPACE_TTL_MS,
    degradedTtlMs: s(env.CACHE_DEGRADED_TTL_SECONDS),
    redisTimeoutMs: env.CACHE_REDIS_TIMEOUT_MS,
    // The registry's first caller configures a breaker; this one reopens the cache's
    // Redis within seconds of a recovery instead of the default 30 s.
    breaker: breakerRegistry.breaker('redis:cache', { halfOpenAfterMs: env.CACHE_BREAKER_HALF_OPEN_MS }),
    logger,
    prefix: CACHE_KEY_PREFIX,
    channel: `afg:cache:invalidate:${cacheDatabase}`,
    ...overrides,
  };
}

export const cache: TwoLevelCache = remember('cache:two-level', () => {
  // Pub/sub needs a connection of its own: a subscribed connection runs no other commands.
  const subscriber = redis.duplicate({ autoResubscribe: false, lazyConnect: true, enableOfflineQueue: false });
  subscriber.on('error', () => {});
  if (env.CACHE_ENABLED) subscriber.connect().catch(() => {});
  return new TwoLevelCache(redis, subscriber, cacheOptions());
});
