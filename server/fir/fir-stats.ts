// Dashboard statistics: FIRs per status in the actor's scope. Cached in the stats
// namespace (5 min by default) under the "firs" tag, which every FIR write bumps, so
// the figures are never older than the last write.
import { stationScope, type Actor } from '../auth';
import { cache, cacheKey } from '../cache';
import type { Db } from '../data';
import { FIRS_TAG } from './fir-cache';
import { FIR_STATUSES, type TFirStatus } from './schemas';

export type TFirStats = { total: number; byStatus: Record<TFirStatus, number> };

export async function firStats(db: Db, actor: Actor): Promise<TFirStats> {
  const scope = stationScope(actor);
  return cache.getOrFetch(
    cacheKey('stats', 'dashboard', scope === null ? 'all' : `station-${scope}`),
    async () => {
      const rows = await db.fir.groupBy({ by: ['status'], _count: { _all: true }, ...(scope === null ? {} : { where: { stationId: scope } }) });
      const byStatus = Object.fromEntries(FIR_STATUSES.map((s) => [s, 0])) as Record<TFirStatus, number>;
      for (const r of rows) byStatus[r.status as TFirStatus] = r._count._all;
      return { total: rows.reduce((n, r) => n + r._count._all, 0), byStatus };
    },
    { tags: [FIRS_TAG] },
  );
}
