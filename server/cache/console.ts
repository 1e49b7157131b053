// The ops console's view of the cache and its controls: hit rates over time per
// namespace and level, top keys, memory and evictions; invalidate by key, tag or
// pattern (previewed first), and warm now. The controls are audit-logged.
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import { env } from '../env';
import { NAMESPACES, PATTERN, TAG } from './keys';
import { cache, NAMESPACE_TTL_MS } from './manager';
import { redis } from './redis';
import { warmCache, warmerNames, type WarmReport } from './warm';
import type { InvalidationTarget, Touched } from './two-level-cache';

export const HIT_RATE_GOAL = 0.8; // the seed's goal on the demo workload (backend-optimization, performance targets)
const TOP_KEYS = 20; // one screen of the console's table

export const ZInvalidationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key'), value: z.string().trim().min(3).max(260).regex(/^[a-z]+:[a-z0-9_-]+:[A-Za-z0-9_.@=+-]+$/, 'A key is namespace:entity:id') }).strict(),
  z.object({ kind: z.literal('tag'), value: z.string().trim().regex(TAG, 'A tag is a lower-case name, optionally with :<id> (for example firs)') }).strict(),
  z.object({ kind: z.literal('pattern'), value: z.string().trim().regex(PATTERN, 'A pattern uses letters, digits, : _ . - and the wildcards * and ?') }).strict(),
]);

export const ZInvalidateInput = z
  .object({
    target: ZInvalidationTarget,
    reason: z.string().trim().min(3, 'Say why, in a few words').max(500), // one line of the audit log
  })
  .strict();
export type TInvalidateInput = z.infer<typeof ZInvalidateInput>;

export const ZWarmInput = z.object({ warmers: z.array(z.string().min(1).max(40)).max(20).optional() }).strict();

export type NamespaceRow = {
  namespace: string;
  ttlSeconds: number;
  l1Entries: number;
  l1Hits: number;
  l2Hits: number;
  misses: number;
  hitRate: number | null;
  evictions: number;
  errors: number;
};

async function redisMemory(): Promise<{ usedBytes: number; keys: number | null } | null> {
  try {
    const [info, size] = await Promise.all([redis.info('memory'), redis.dbsize()]);
    const used = /used_memory:(\d+)/.exec(info)?.[1];
    return { usedBytes: used ? Number(used) : 0, keys: size };
  } catch {
    return null;
  }
}

export async function cacheOverview() {
  const byNs = cache.l1ByNamespace();
  const namespaces: NamespaceRow[] = NAMESPACES.map((ns) => {
    const t = cache.stats.totals.get(ns) ?? { l1Hits: 0, l2Hits: 0, misses: 0, evictions: 0, errors: 0 };
    const lookups = t.l1Hits + t.l2Hits + t.misses;
    return {
      namespace: ns,
      ttlSeconds: NAMESPACE_TTL_MS[ns] / 1000,
      l1Entries: byNs[ns] ?? 0,
      ...t,
      hitRate: lookups ? (t.l1Hits + t.l2Hits) / lookups : null,
    };
  });
  const all = namespaces.reduce((a, n) => ({ hits: a.hits + n.l1Hits + n.l2Hits, lookups: a.lookups + n.l1Hits + n.l2Hits + n.misses }), { hits: 0, lookups: 0 });
  return {
    enabled: env.CACHE_ENABLED,
    goal: HIT_RATE_GOAL,
    hitRate: all.lookups ? all.hits / all.lookups : null,
    lookups: all.lookups,
    namespaces,
    l1: cache.l1Info(),
    redis: await redisMemory(),
    points: cache.stats.series.points(),
    top: cache.top(TOP_KEYS),
    warmers: warmerNames(),
    warmAtStart: env.CACHE_WARM.split(',').map((s) => s.trim()).filter(Boolean),
  };
}

/** How many entries an invalidation would touch (this instance's L1, and Redis). */
export function previewInvalidation(target: InvalidationTarget) {
  return cache.preview(target);
}

export async function invalidateFromConsole(db: Db, actor: Actor, { target, reason }: TInvalidateInput): Promise<{ touched: Touched; audited: boolean }> {
  const touched =
    target.kind === 'key' ? await cache.invalidate(target.value) : target.kind === 'tag' ? await cache.invalidateTags(target.value) : await cache.invalidatePattern(target.value);
  const audited = await recordAudit(db, actor, {
    action: `cache.invalidate_${target.kind}`,
    target: `cache:${target.value}`,
    details: { reason, kind: target.kind, value: target.value, touched },
  });
  return { touched, audited };
}

export async function warmFromConsole(db: Db, actor: Actor, input: z.infer<typeof ZWarmInput>): Promise<{ report: WarmReport; audited: boolean }> {
  const report = await warmCache(input.warmers ?? warmerNames());
  const audited = await recordAudit(db, actor, { action: 'cache.warm', target: 'cache', details: { report } });
  return { report, audited };
}
