import { actorColumns, stationScope, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { fieldsToData } from './fir-data';
import { firWritten } from './fir-cache';
import type { TFirDetail } from './fir-views';
import type { TCreateDraftInput } from './schemas';
import { assertKnownSections, uniqueRefs } from './sections';

/** Creates a draft FIR at the actor's station (or the one an admin names), with its first audit event. */
export async function createDraft(db: Db, actor: Actor, input: TCreateDraftInput): Promise<TFirDetail> {
  const scope = stationScope(actor);
  const stationId = scope ?? input.stationId;
  if (stationId === undefined) throw new AppError('BAD_REQUEST', 'stationId is required for an actor not tied to a station');
  if (scope !== null && input.stationId !== undefined && input.stationId !== scope) {
    throw new AppError('FORBIDDEN', 'You can only file FIRs at your own station');
  }
  const { sections = [], stationId: _ignored, ...fields } = input;
  const refs = uniqueRefs(sections);
  const createdBy = actor.kind === 'user' ? actor.userId : await apiKeyOwner(db, actor.apiKeyId);

  const id = await db.$transaction(async (tx) => {
    const station = await tx.policeStation.findUnique({ where: { id: stationId } });
    if (!station) throw new AppError('BAD_REQUEST', `No police station with id ${stationId}`);
    await assertKnownSections(tx, refs);
    const fir = await tx.fir.create({
      data: {
        ...(fieldsToData(fields) as object),
        complainantName: input.complainantName,
        narrative: input.narrative,
        stationId,
        district: station.district,
        createdBy,
        sections: { create: refs.map((r) => ({ act: r.act, section: r.section })) },
      } as Parameters<typeof tx.fir.create>[0]['data'],
    });
    await tx.firEvent.create({ data: { firId: fir.id, ...actorColumns(actor), action: 'created', toStatus: 'draft' } });
    return fir.id;
  });
  return firWritten(db, actor, id);
}

/** A FIR filed through an API key is recorded as created by the admin who issued the key. */
async function apiKeyOwner(db: Db, apiKeyId: string): Promise<string> {
  const key = await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: { createdBy: true } });
  return key.createdBy;
}
