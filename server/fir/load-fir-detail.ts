import type { Db, Prisma } from '../data';
import { firDetailInclude, toFirDetail, type TFirDetail } from './fir-views';

/** A FIR in full from the database, or null; no access check (callers make it). */
export async function loadFirDetail(db: Db | Prisma.TransactionClient, id: string): Promise<TFirDetail | null> {
  // findFirst, not findUnique: Prisma batches the findUniques of one event-loop turn and
  // runs the batch in the first caller's async context, so concurrent requests' reads
  // were logged and captured under one request's correlation id (property 32).
  const row = await db.fir.findFirst({ where: { id }, include: firDetailInclude });
  if (!row) return null;
  const bns = row.sections.filter((s) => s.act === 'BNS').map((s) => s.section);
  const titles = bns.length
    ? await db.bnsSection.findMany({ where: { section: { in: bns } }, select: { section: true, title: true } })
    : [];
  return toFirDetail(row, new Map(titles.map((t) => [t.section, t.title])));
}
