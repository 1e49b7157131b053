// The officer's "Download PDF" of a FIR: the copy for the FIR's current version when
// it is stored already, else a fir.pdf job (one per version: a second click joins the
// first) whose progress the page shows until the copy can be downloaded.
import { z } from 'zod';
import type { Actor } from '../auth';
import type { Db } from '../data';
import { getFirOrThrow } from '../fir/get-fir-or-throw'; // not ../fir: fir/ enqueues through jobs/
import { AppError } from '../lib';
import { enqueue } from './enqueue';
import { getTaskOrThrow } from './tasks';

export const ZFirCopyStatusInput = z.object({ firId: z.uuid(), taskId: z.uuid() }).strict();
export type TFirCopyStatusInput = z.infer<typeof ZFirCopyStatusInput>;

export type FirCopyState =
  | { state: 'ready'; documentId: string; url: string; sizeBytes: number }
  | { state: 'pending' | 'running'; taskId: string; progress: number; retryCount: number; error: string | null }
  | { state: 'failed' | 'cancelled'; taskId: string; error: string };

export const firCopyUrl = (firId: string, documentId: string) => `/api/firs/${firId}/copies/${documentId}.pdf`;

async function storedCopy(db: Db, firId: string, version: Date) {
  return db.firDocument.findUnique({
    where: { firId_kind_firVersion: { firId, kind: 'copy', firVersion: version } },
    select: { id: true, sizeBytes: true },
  });
}

/** The copy of the FIR as it is now: ready, or being made (a job). Drafts have no copy. */
export async function requestFirCopy(db: Db, actor: Actor, firId: string): Promise<FirCopyState> {
  const fir = await getFirOrThrow(db, actor, firId); // NOT_FOUND for another station's FIR
  if (fir.status === 'draft') throw new AppError('CONFLICT', 'A draft has no FIR copy yet: register it first');
  const doc = await storedCopy(db, firId, fir.updatedAt);
  if (doc) return { state: 'ready', documentId: doc.id, url: firCopyUrl(firId, doc.id), sizeBytes: doc.sizeBytes };
  const { taskId } = await enqueue(db, 'fir.pdf', { firId }, { dedupeKey: `fir.pdf:${firId}:${fir.updatedAt.toISOString()}` });
  return { state: 'pending', taskId, progress: 0, retryCount: 0, error: null };
}

/** Where the copy's job is; the task must be this FIR's PDF job. */
export async function firCopyStatus(db: Db, actor: Actor, input: TFirCopyStatusInput): Promise<FirCopyState> {
  await getFirOrThrow(db, actor, input.firId);
  const task = await getTaskOrThrow(db, input.taskId);
  const payload = await db.backgroundTask.findUniqueOrThrow({ where: { id: input.taskId }, select: { payload: true } });
  if (task.name !== 'fir.pdf' || (payload.payload as { firId?: string }).firId !== input.firId) {
    throw new AppError('NOT_FOUND', `No PDF job ${input.taskId} for this FIR`);
  }
  switch (task.status) {
    case 'completed': {
      const { documentId } = task.result as { documentId: string };
      const doc = await db.firDocument.findUniqueOrThrow({ where: { id: documentId }, select: { sizeBytes: true } });
      return { state: 'ready', documentId, url: firCopyUrl(input.firId, documentId), sizeBytes: doc.sizeBytes };
    }
    case 'failed':
    case 'cancelled':
      return { state: task.status, taskId: task.id, error: task.error ?? 'The job was cancelled' };
    default:
      return { state: task.status, taskId: task.id, progress: task.progress, retryCount: task.retryCount, error: task.error };
  }
}

/** The stored PDF's bytes, for the download route. */
export async function readFirCopy(db: Db, actor: Actor, firId: string, documentId: string): Promise<{ content: Uint8Array; fileName: string }> {
  const fir = await getFirOrThrow(db, actor, firId);
  const doc = await db.firDocument.findFirst({ where: { id: documentId, firId }, select: { content: true } });
  if (!doc) throw new AppError('NOT_FOUND', 'No such copy of this FIR');
  const name = fir.number ? `FIR-${fir.station.code}-${fir.number.replace('/', '-')}.pdf` : `FIR-${firId}.pdf`;
  return { content: doc.content, fileName: name };
}
