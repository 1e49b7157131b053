import type { Db } from '../data';
import type { TFirSummary, TListFirsInput } from './schemas';

/** The newest FIRs first (served by fir_created_at_id_idx). */
export async function listFirs(db: Db, input: TListFirsInput): Promise<TFirSummary[]> {
  return db.fir.findMany({
    select: { id: true, complainantName: true, narrative: true, status: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
  });
}
