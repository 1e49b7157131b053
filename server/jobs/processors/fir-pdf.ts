// fir.pdf: renders the FIR's copy and stores it once per FIR version. The insert is
// ON CONFLICT DO NOTHING on (fir, kind, version): a job that ran to the store and then
// lost its worker (kill -9), and runs again, stores nothing twice.
import { createHash } from 'node:crypto';
import { firDetailInclude, toFirDetail } from '../../fir/fir-views';
import { renderFirPdf } from '../pdf/render-fir-pdf';
import { PermanentJobError, type Processor } from './types';

export type FirPdfResult = { documentId: string; firId: string; firVersion: string; sizeBytes: number; reused: boolean };

export const firPdf: Processor<'fir.pdf'> = async ({ firId }, { db, progress }): Promise<FirPdfResult> => {
  const row = await db.fir.findUnique({ where: { id: firId }, include: firDetailInclude });
  if (!row) throw new PermanentJobError(`FIR ${firId} does not exist`);
  const existing = await db.firDocument.findUnique({
    where: { firId_kind_firVersion: { firId, kind: 'copy', firVersion: row.updatedAt } },
    select: { id: true, sizeBytes: true },
  });
  if (existing) return { documentId: existing.id, firId, firVersion: row.updatedAt.toISOString(), sizeBytes: existing.sizeBytes, reused: true };
  await progress(10);

  const bns = row.sections.filter((s) => s.act === 'BNS').map((s) => s.section);
  const titles = bns.length ? await db.bnsSection.findMany({ where: { section: { in: bns } }, select: { section: true, title: true } }) : [];
  const fir = toFirDetail(row, new Map(titles.map((t) => [t.section, t.title])));
  await progress(20);

  let reported = 20;
  const pdf = await renderFirPdf(fir, (f) => {
    const p = 20 + Math.round(f * 60);
    if (p >= reported + 20) {
      reported = p;
      void progress(p);
    }
  });
  await progress(85);

  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const [stored] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO fir_document (fir_id, fir_version, kind, content, sha256, size_bytes)
    VALUES (${firId}::uuid, ${row.updatedAt}, 'copy', ${pdf}, ${sha256}, ${pdf.length})
    ON CONFLICT ON CONSTRAINT fir_document_version_unique DO NOTHING
    RETURNING id`;
  const id =
    stored?.id ??
    (await db.firDocument.findUniqueOrThrow({ where: { firId_kind_firVersion: { firId, kind: 'copy', firVersion: row.updatedAt } }, select: { id: true } })).id;
  return { documentId: id, firId, firVersion: row.updatedAt.toISOString(), sizeBytes: pdf.length, reused: !stored };
};
