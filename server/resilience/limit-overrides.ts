// Per-identity rate-limit overrides: a per-window limit for one API key or user that
// replaces the policy's perKey. Stored in one Redis hash (identity → limit) so every
// instance sees the same overrides; each instance keeps a copy refreshed every few
// seconds, so a decision never waits on an extra Redis read (an edit takes effect on
// other instances within REFRESH_MS). An API key's override is set on "key:<prefix>"
// and applies to every identity the limiter derives from that key.
import { redis, whenReady } from '../cache';
import { AppError } from '../lib';
import { breakerRegistry } from './policies';

// The cache client's breaker: Redis failing repeatedly stops these calls from each
// waiting out a timeout. (The rate limiter has its own fallback on its own connection.)
const redisBreaker = () => breakerRegistry.breaker('redis:cache');

const HASH = 'afg:ratelimit:overrides';
const REFRESH_MS = 5000;

export type LimitOverride = { identity: string; perKey: number };

let cache = new Map<string, number>();
let refreshing: ReturnType<typeof setInterval> | undefined;

function parse(all: Record<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [identity, v] of Object.entries(all)) {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) out.set(identity, n);
  }
  return out;
}

async function refresh(): Promise<void> {
  try {
    cache = parse(await redisBreaker().execute(() => redis.hgetall(HASH)));
  } catch {
    // Redis away: keep the last known overrides; the limiter has its own fallback.
  }
}

/** The override for a limiter identity ("key:<prefix>:<hash>" → "key:<prefix>"), if any. */
export function overrideFor(identity: string): number | undefined {
  if (!refreshing) {
    refreshing = setInterval(() => void refresh(), REFRESH_MS);
    refreshing.unref();
    void refresh();
  }
  if (identity.startsWith('key:')) return cache.get(identity.split(':').slice(0, 2).join(':'));
  return cache.get(identity);
}

async function withRedis<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    await whenReady();
    return await redisBreaker().execute(fn);
  } catch (err) {
    throw new AppError('UNAVAILABLE', `Could not ${what}: Redis is unavailable`, undefined, { cause: err });
  }
}

/** Every override, by identity. */
export async function listLimitOverrides(): Promise<LimitOverride[]> {
  const all = parse(await withRedis('read the rate-limit overrides', () => redis.hgetall(HASH)));
  return [...all].map(([identity, perKey]) => ({ identity, perKey })).sort((a, b) => a.identity.localeCompare(b.identity));
}

/** Sets `identity`'s per-window limit, or removes its override when `perKey` is null. Returns every override. */
export async function setLimitOverride(identity: string, perKey: number | null): Promise<LimitOverride[]> {
  if (perKey !== null && (!Number.isInteger(perKey) || perKey < 1)) throw new AppError('BAD_REQUEST', 'A limit must be a positive whole number');
  if (!/^(key:[A-Za-z0-9]{12}|user:[0-9a-f-]{36})$/.test(identity)) {
    throw new AppError('BAD_REQUEST', 'An identity is "key:<12-character prefix>" or "user:<user id>"');
  }
  await withRedis('save the rate-limit override', () => (perKey === null ? redis.hdel(HASH, identity) : redis.hset(HASH, identity, String(perKey))));
  if (perKey === null) cache.delete(identity);
  else cache.set(identity, perKey);
  return listLimitOverrides();
}
