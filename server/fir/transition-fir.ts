import { actorColumns, assertStationAccess, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { enqueueQuietly } from '../jobs';
import { firWritten } from './fir-cache';
import type { TFirDetail } from './fir-views';
import { TRANSITIONS, type TFirStatus, type TTransitionInput } from './schemas';

export function canTransition(from: TFirStatus, to: TFirStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Moves a registered FIR along its lifecycle; only the legal transitions. */
export async function transitionFir(db: Db, actor: Actor, input: TTransitionInput): Promise<TFirDetail> {
  const eventId = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ station_id: number; status: TFirStatus }[]>`
      SELECT station_id, status::text AS status FROM fir WHERE id = ${input.id}::uuid FOR UPDATE`;
    if (!locked) throw new AppError('NOT_FOUND', 'FIR not found');
    assertStationAccess(actor, locked.station_id);
    if (!canTransition(locked.status, input.to)) {
      const legal = TRANSITIONS[locked.status];
      throw new AppError(
        'CONFLICT',
        `A ${locked.status.replace('_', ' ')} FIR cannot become ${input.to.replace('_', ' ')}` +
          (legal.length ? ` (it can become: ${legal.join(', ')})` : ' (this is a final state)'),
        { from: locked.status, to: input.to, allowed: legal },
      );
    }
    await tx.fir.update({ where: { id: input.id }, data: { status: input.to } });
    const event = await tx.firEvent.create({
      select: { id: true },
      data: {
        firId: input.id,
        ...actorColumns(actor),
        action: 'status_changed',
        fromStatus: locked.status,
        toStatus: input.to,
        changes: input.note ? { note: { from: null, to: input.note } } : {},
      },
    });
    return event.id;
  });
  await enqueueQuietly(db, 'fir.notify', { firId: input.id, eventId: String(eventId) });
  return firWritten(db, actor, input.id);
}
