// The cache room: the Redis connection, and the two-level cache (L1 in-process LRU, L2
// Redis) with invalidation, warming and the console's view of it.
export { redis, checkRedis, whenReady, type RedisHealth } from './redis';
export { cacheKey, parseKey, hashId, NAMESPACES, type CacheNamespace } from './keys';
export { TwoLevelCache, namespaceTag, type FetchOptions, type InvalidationTarget, type TwoLevelCacheOptions, type Touched } from './two-level-cache';
export { cache, cacheOptions, NAMESPACE_TTL_MS } from './manager';
export { CacheStats, cacheSeries } from './metrics';
export { registerWarmer, warmCache, warmerNames, type WarmReport } from './warm';
// The console's services (server/cache/console.ts) are imported by the ops router directly:
// they need server/auth, which itself reads through this room.
