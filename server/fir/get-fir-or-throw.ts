import { assertStationAccess, type Actor } from '../auth';
import { cache } from '../cache';
import type { Db } from '../data';
import { AppError } from '../lib';
import { firRecordKey } from './fir-cache';
import type { TFirDetail } from './fir-views';
import { loadFirDetail } from './load-fir-detail';

/**
 * A FIR the actor may see, in full; NOT_FOUND for a missing one or another station's.
 * Read through the cache (fir:record:<id>); the station check runs on every call,
 * after the cache, so a cached FIR is never shown outside its station.
 */
export async function getFirOrThrow(db: Db, actor: Actor, id: string): Promise<TFirDetail> {
  const detail = await cache.getOrFetch(firRecordKey(id), () => loadFirDetail(db, id));
  if (!detail) throw new AppError('NOT_FOUND', 'FIR not found');
  assertStationAccess(actor, detail.station.id);
  return detail;
}
