// The exact sliding window in Redis: one Lua script per decision, so checking the
// identity's window and the global one and recording the request is atomic across
// every app instance. Each window is a sorted set of the requests it admitted (score:
// admission time in ms); a request is admitted only when both sets hold fewer than
// their limit of entries younger than W. Refused requests are not recorded, so a
// client that keeps retrying does not extend its own lock-out.
//
// Why this is exact: an arrival at t is admitted only if fewer than N admitted
// arrivals lie in (t - W, t]. Were N + 1 admitted within some [a, a + W), the last of
// them, at t < a + W, would have seen the other N in [a, t] ⊂ (t - W, t] and been
// refused. So no interval of length W admits more than N (a fixed window admits up
// to 2N across its boundary; Upstash's sliding window is a weighted estimate).
//
// Time is Redis's (TIME inside the script) so that app instances' clocks don't
// matter. Tests may pass "now" instead (RateLimiterOptions.clock) to replay exact
// arrival sequences, boundaries included, without sleeping through real windows.
//
// The two keys are on one node (the global set is one hot key anyway); under Redis
// Cluster they would need a shared hash tag in the prefix.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { windowState, type RateLimitPolicy, type WindowResult } from './policy';

const SCRIPT = `
local now
if ARGV[5] then
  now = tonumber(ARGV[5])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local window = tonumber(ARGV[3])
local limits = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
local counts = {}
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  counts[i] = redis.call('ZCARD', KEYS[i])
end
local refused = 0
if counts[1] >= limits[1] then refused = 1 elseif counts[2] >= limits[2] then refused = 2 end
if refused == 0 then
  for i = 1, 2 do
    redis.call('ZADD', KEYS[i], now, ARGV[4])
    redis.call('PEXPIRE', KEYS[i], window)
    counts[i] = counts[i] + 1
  end
end
-- Per window, ms until one more request fits: the entry at rank count - limit (the
-- oldest unless a lowered limit left more) has to leave the window first.
local resets = { 0, 0 }
for i = 1, 2 do
  if counts[i] > 0 then
    local rank = math.max(0, counts[i] - limits[i])
    local e = redis.call('ZRANGE', KEYS[i], rank, rank, 'WITHSCORES')
    resets[i] = tonumber(e[2]) + window - now
  end
end
return { refused, now, counts[1], resets[1], counts[2], resets[2] }
`;

const SHA = createHash('sha1').update(SCRIPT).digest('hex');

export type RedisWindowKeys = { key: string; global: string };

/**
 * Runs one decision. `member` must be unique per request (it is the sorted-set
 * member in both windows); `now` is for tests only.
 */
export async function decideInRedis(
  redis: Redis,
  keys: RedisWindowKeys,
  limits: { perKey: number; global: number },
  windowMs: RateLimitPolicy['windowMs'],
  member: string,
  now?: number,
): Promise<WindowResult> {
  const args = [limits.perKey, limits.global, windowMs, member, ...(now === undefined ? [] : [now])];
  let reply: unknown;
  try {
    reply = await redis.evalsha(SHA, 2, keys.key, keys.global, ...args);
  } catch (err) {
    // After a Redis restart (or on a new server) the script cache is empty.
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    reply = await redis.eval(SCRIPT, 2, keys.key, keys.global, ...args);
  }
  const [refused, at, keyCount, keyReset, globalCount, globalReset] = reply as number[];
  return {
    allowed: refused === 0,
    scope: refused === 1 ? 'key' : refused === 2 ? 'global' : null,
    at: at!,
    key: windowState(limits.perKey, keyCount!, keyReset!),
    global: windowState(limits.global, globalCount!, globalReset!),
  };
}
