import { actorColumns, assertStationAccess, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { diffData, fieldsToData } from './fir-data';
import { firWritten } from './fir-cache';
import type { TFirDetail } from './fir-views';
import type { TUpdateDraftInput } from './schemas';
import { assertKnownSections, uniqueRefs } from './sections';

/**
 * Edits a draft. A registered FIR's content is the record of what was reported and
 * is not edited; its later changes go through status transitions.
 */
export async function updateDraft(db: Db, actor: Actor, input: TUpdateDraftInput): Promise<TFirDetail> {
  const { id, sections, ...fields } = input;
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM fir WHERE id = ${id}::uuid FOR UPDATE`;
    if (!before) throw new AppError('NOT_FOUND', 'FIR not found');
    const current = await tx.fir.findUniqueOrThrow({ where: { id }, include: { sections: true } });
    assertStationAccess(actor, current.stationId);
    if (current.status !== 'draft') {
      throw new AppError('CONFLICT', `FIR ${id} is ${current.status}: only drafts can be edited`);
    }
    const data = fieldsToData(fields);
    const changes = diffData(current as unknown as Record<string, unknown>, data);
    if (sections) {
      const refs = uniqueRefs(sections);
      await assertKnownSections(tx, refs);
      const before = current.sections.map((s) => `${s.act} ${s.section}`).sort();
      const after = refs.map((r) => `${r.act} ${r.section}`).sort();
      if (before.join('|') !== after.join('|')) {
        changes.sections = { from: before, to: after };
        await tx.firSection.deleteMany({ where: { firId: id } });
        await tx.firSection.createMany({ data: refs.map((r) => ({ firId: id, act: r.act, section: r.section })) });
      }
    }
    if (Object.keys(changes).length === 0) return;
    await tx.fir.update({ where: { id }, data: data as Parameters<typeof tx.fir.update>[0]['data'] });
    await tx.firEvent.create({ data: { firId: id, ...actorColumns(actor), action: 'updated', changes: changes as object } });
  });
  return firWritten(db, actor, id);
}
