import type { Db } from '../data';
import type { TCreateFirInput, TFirSummary } from './schemas';

/** Creates a draft FIR. */
export async function createFir(db: Db, input: TCreateFirInput): Promise<TFirSummary> {
  return db.fir.create({
    data: { complainantName: input.complainantName, narrative: input.narrative },
    select: { id: true, complainantName: true, narrative: true, status: true, createdAt: true },
  });
}
