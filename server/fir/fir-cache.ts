// What the FIR domain keeps in the cache, and how its writes keep it true:
//   fir:record:<id>          a FIR in full (write-through on every create/update/transition)
//   stats:count:<hash>       FIR counts per scope and filters, tagged "firs"
//   kb:query:<hash>          BNS knowledge-base searches (the KB changes only by migration)
//   violation:check:<hash>   which BNS sections of a FIR are unknown
import { assertStationAccess, type Actor } from '../auth';
import { cache, cacheKey } from '../cache';
import type { Db } from '../data';
import { AppError } from '../lib';
import type { TFirDetail } from './fir-views';
import { loadFirDetail } from './load-fir-detail';

/** Every cached value derived from many FIRs (counts, dashboards) carries this tag. */
export const FIRS_TAG = 'firs';

export const firRecordKey = (id: string) => cacheKey('fir', 'record', id);

/**
 * After a FIR write has committed: the FIR as it is now, written through to the cache
 * (both levels here, other instances' L1 dropped), and every aggregate over FIRs made
 * stale. If reading it back fails, the cached copy is dropped before the error goes on.
 */
export async function firWritten(db: Db, actor: Actor, id: string): Promise<TFirDetail> {
  const stats = cache.invalidateTags(FIRS_TAG);
  let detail: TFirDetail | null;
  try {
    detail = await loadFirDetail(db, id);
  } catch (err) {
    await Promise.all([stats, cache.invalidate(firRecordKey(id))]);
    throw err;
  }
  if (!detail) {
    await Promise.all([stats, cache.invalidate(firRecordKey(id))]);
    throw new AppError('NOT_FOUND', 'FIR not found');
  }
  await Promise.all([stats, cache.set(firRecordKey(id), detail)]);
  assertStationAccess(actor, detail.station.id);
  return detail;
}
