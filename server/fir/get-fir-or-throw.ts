import { assertStationAccess, type Actor } from '../auth';
import type { Db, Prisma } from '../data';
import { AppError } from '../lib';
import { firDetailInclude, toFirDetail, type TFirDetail } from './fir-views';

/** A FIR the actor may see, in full; NOT_FOUND for a missing one or another station's. */
export async function getFirOrThrow(db: Db | Prisma.TransactionClient, actor: Actor, id: string): Promise<TFirDetail> {
  const row = await db.fir.findUnique({ where: { id }, include: firDetailInclude });
  if (!row) throw new AppError('NOT_FOUND', 'FIR not found');
  assertStationAccess(actor, row.stationId);
  const bns = row.sections.filter((s) => s.act === 'BNS').map((s) => s.section);
  const titles = bns.length
    ? await db.bnsSection.findMany({ where: { section: { in: bns } }, select: { section: true, title: true } })
    : [];
  return toFirDetail(row, new Map(titles.map((t) => [t.section, t.title])));
}
