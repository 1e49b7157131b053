// The limiter the API uses, made once per process from the environment, and the
// identities it keys on: a presented API key for /api/v1 (before authentication, so a
// refused request never reads the api_key row) and an actor for tRPC (limitActor,
// for the tRPC layer to call; admins bypass).
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { isAdmin, type Actor } from '../../auth';
import { env, topology } from '../../env';
import { remember } from '../../lib';
import { limitStats } from '../limit-stats';
import { overrideFor } from '../limit-overrides';
import { rateLimitedError } from './headers';
import { DEFAULT_POLICY, type MeasuredDecision, type RateLimitDecision } from './policy';
import { RateLimiter } from './rate-limiter';

// Its own connection rather than the cache's: a decision sits on every API request,
// so it should not queue behind large cache values, and its timeout is shorter
// (the limiter gives up after 200 ms; the cache's client after 500).
const limiterRedis = () =>
  remember('redis:rate-limit', () => {
    const r = new Redis(topology.redisUrl, {
      lazyConnect: true,
      connectTimeout: 1000,
      commandTimeout: 250,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      // Every /api/v1 request sends one EVALSHA; written one by one, the socket write was
      // 11 % of the server's CPU under load (docs/performance.md). Auto-pipelining sends
      // the commands of one event-loop turn in one write; each script still runs alone
      // and atomically in Redis, so every decision is exactly what it was.
      enableAutoPipelining: true,
    });
    r.on('error', () => {}); // outages are reported once by the limiter, not per reconnect
    r.connect().catch(() => {});
    return r;
  });

export const envPolicy = () => ({
  perKey: env.RATE_LIMIT_PER_KEY ?? DEFAULT_POLICY.perKey,
  global: env.RATE_LIMIT_GLOBAL ?? DEFAULT_POLICY.global,
  windowMs: (env.RATE_LIMIT_WINDOW_SECONDS ?? DEFAULT_POLICY.windowMs / 1000) * 1000,
});

let replaced: RateLimiter | null = null;

/** The API's limiter (REST and tRPC share it, so they share the global window). */
export function apiLimiter(): RateLimiter {
  return replaced ?? remember('rate-limit:api', () => new RateLimiter({ redis: limiterRedis(), name: 'api', policy: envPolicy() }));
}

/** Tests: use `limiter` (small limits, own prefix) instead; null restores the default. */
export function replaceApiLimiter(limiter: RateLimiter | null): void {
  replaced = limiter;
}

const KEY_SHAPE = /^afk_([A-Za-z0-9]{12})_(.+)$/;
const hash16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * The identity of a presented API key, computed without the database. Not the prefix
 * alone: prefixes are shown in the console, and anyone who saw one could spend its
 * owner's quota with wrong secrets. With the secret's hash a wrong secret lands in a
 * bucket of its own, while the prefix keeps buckets traceable to their key. Strings of
 * another shape are limited too (they would be a 401, but only after auth's checks).
 */
export function apiKeyIdentity(presented: string): string {
  const m = KEY_SHAPE.exec(presented);
  return m ? `key:${m[1]}:${hash16(m[2]!)}` : `key:?:${hash16(presented)}`;
}

/** One /api/v1 request's decision, keyed by the presented key. */
export function limitApiKey(presented: string): Promise<MeasuredDecision> {
  // Never bypassed (API keys are not admins), so always measured.
  return decide(apiKeyIdentity(presented), false) as Promise<MeasuredDecision>;
}

/** One decision, with the identity's override if an admin set one, recorded for the Limits console. */
async function decide(identity: string, bypass: boolean): Promise<RateLimitDecision> {
  const limit = overrideFor(identity);
  const decision = await apiLimiter().check(identity, { bypass, ...(limit !== undefined ? { limit } : {}) });
  limitStats.record(identity, decision.outcome);
  return decision;
}

export function actorIdentity(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `apikey:${actor.apiKeyId}`;
}

/**
 * For the tRPC layer: counts one request of `actor`, admins bypassing (design
 * property 30), and throws RATE_LIMITED (→ TOO_MANY_REQUESTS) when refused.
 */
export async function limitActor(actor: Actor): Promise<RateLimitDecision> {
  const decision = await decide(actorIdentity(actor), isAdmin(actor));
  if (decision.outcome === 'rejected') throw rateLimitedError(decision);
  return decision;
}
