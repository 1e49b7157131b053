import { actorColumns, assertStationAccess, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { enqueueQuietly } from '../jobs';
import { allocateFirSeq, formatFirNumber, istYear } from './fir-number';
import { firWritten } from './fir-cache';
import type { TFirDetail } from './fir-views';

/**
 * Registers a draft: gives it the next number of its station and year, in one
 * transaction with the status change and the audit event. The draft row is locked
 * first, so registering the same draft twice at once numbers it once.
 */
export async function registerFir(db: Db, actor: Actor, id: string): Promise<TFirDetail> {
  const eventId = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ station_id: number; status: string }[]>`
      SELECT station_id, status::text FROM fir WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw new AppError('NOT_FOUND', 'FIR not found');
    assertStationAccess(actor, locked.station_id);
    if (locked.status !== 'draft') throw new AppError('CONFLICT', `FIR ${id} is already ${locked.status}`);
    const sectionCount = await tx.firSection.count({ where: { firId: id } });
    if (sectionCount === 0) {
      throw new AppError('BAD_REQUEST', 'Add at least one section (act and section) before registering', { missing: ['sections'] });
    }
    const now = new Date();
    const year = istYear(now);
    const seq = await allocateFirSeq(tx, locked.station_id, year);
    await tx.fir.update({ where: { id }, data: { status: 'registered', firYear: year, firSeq: seq, registeredAt: now } });
    const event = await tx.firEvent.create({
      select: { id: true },
      data: {
        firId: id,
        ...actorColumns(actor),
        action: 'registered',
        fromStatus: 'draft',
        toStatus: 'registered',
        changes: { number: { from: null, to: formatFirNumber(seq, year) } },
      },
    });
    return event.id;
  });
  // After the commit: the complainant is told (a queue outage never fails the registration).
  await enqueueQuietly(db, 'fir.notify', { firId: id, eventId: String(eventId) });
  return firWritten(db, actor, id);
}
