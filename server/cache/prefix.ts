// Where this database's cache entries live in Redis. Databases on one Redis (the demo's
// and the tests') must not share entries: keys and the invalidation channel carry the
// database's name. Its own module so the worker's maintenance job can name the cache's
// keys without making a cache.
import { topology } from '../env';

export const cacheDatabase = decodeURIComponent(new URL(topology.primaryUrl).pathname.slice(1)) || 'default';

/** L2 keys are this + "{namespace}:{entity}:{id}" */
export const CACHE_KEY_PREFIX = `afg:c:${cacheDatabase}:`;
