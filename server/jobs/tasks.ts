// The background_task table: every job's status mirrored in PostgreSQL (the design's
// Task Status Model), so "what happened to my PDF?" is a query, not a Redis scan, and
// the record outlives BullMQ's own retention. The worker writes the transitions:
//   pending → running → completed
//                    ↘ pending (a retry is scheduled; error and retry_count kept)
//                    ↘ failed (retries exhausted, or a permanent error)
//   pending → cancelled (cancelTask, before a worker took it)
import type { Db } from '../data';
import { AppError } from '../lib';
import { Prisma } from '../data';
import type { TTaskStatus } from './contracts';

export type TaskView = {
  id: string;
  queue: string;
  name: string;
  status: TTaskStatus;
  priority: number;
  progress: number;
  retryCount: number;
  result: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
};

const VIEW = {
  id: true, queue: true, name: true, status: true, priority: true, progress: true, retryCount: true,
  result: true, error: true, createdAt: true, startedAt: true, completedAt: true,
} as const;

export async function getTask(db: Db, id: string): Promise<TaskView | null> {
  return db.backgroundTask.findUnique({ where: { id }, select: VIEW });
}

export async function getTaskOrThrow(db: Db, id: string): Promise<TaskView> {
  const t = await getTask(db, id);
  if (!t) throw new AppError('NOT_FOUND', `No background task ${id}`);
  return t;
}

/**
 * The worker took the job: running, attempt number recorded. Returns false when the
 * task was cancelled meanwhile (the job is then skipped).
 */
export async function markRunning(db: Db, id: string, retryCount: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE background_task SET status = 'running', started_at = now(), retry_count = ${retryCount}, completed_at = NULL
    WHERE id = ${id}::uuid AND status <> 'cancelled'`;
  return n > 0;
}

export async function markProgress(db: Db, id: string, progress: number): Promise<void> {
  await db.backgroundTask.updateMany({ where: { id, status: 'running' }, data: { progress: Math.max(0, Math.min(100, Math.round(progress))) } });
}

export async function markCompleted(db: Db, id: string, result: unknown): Promise<void> {
  await db.backgroundTask.updateMany({
    where: { id },
    data: { status: 'completed', progress: 100, result: (result ?? Prisma.JsonNull) as Prisma.InputJsonValue, error: null, completedAt: new Date() },
  });
}

/**
 * A failed attempt: `final` when no retry follows (failed), else back to pending with the
 * error kept. retry_count counts retries made (attempts - 1), as in the design's model.
 */
export async function markAttemptFailed(db: Db, id: string, opts: { error: string; retryCount: number; final: boolean }): Promise<void> {
  await db.backgroundTask.updateMany({
    where: { id },
    data: opts.final
      ? { status: 'failed', error: opts.error, retryCount: opts.retryCount, completedAt: new Date() }
      : { status: 'pending', error: opts.error, retryCount: opts.retryCount },
  });
}

export type ListTasksFilter = { status?: TTaskStatus; queue?: string; limit: number };

export async function listTasks(db: Db, f: ListTasksFilter): Promise<TaskView[]> {
  return db.backgroundTask.findMany({
    where: { status: f.status, queue: f.queue },
    orderBy: { createdAt: 'desc' },
    take: f.limit,
    select: VIEW,
  });
}
