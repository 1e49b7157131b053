// The ops console's view of the queues and its controls. Counts and jobs come from
// BullMQ (Redis); throughput and failures per minute from BullMQ's own metrics, which
// every worker records, so the chart is the fleet's, not one process's. Each control
// is audit-logged (audit_log), and keeps background_task in step.
import { z } from 'zod';
import type { Job, JobType } from 'bullmq';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { QUEUES, ZQueueName, type TQueueName } from './contracts';
import { queueOf } from './queues';
import { taskIdOf } from './task-id';

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;
const MINUTES = 60; // the chart's hour, at BullMQ's one-minute resolution
const FAILED_SHOWN = 50; // a screen of failures; older ones remain in Redis for a week

export type QueueOverview = {
  name: TQueueName;
  paused: boolean;
  counts: Record<(typeof STATES)[number], number>;
  /** per minute, oldest first: jobs completed and failed (after their last retry) */
  series: { t: number; completed: number; failed: number }[];
};

/**
 * BullMQ's metrics as minute → count. A data point is pushed when a job finishes in a
 * later minute than the last one recorded (meta.prevTS): data[0] is the minute before
 * prevTS's, data[i] i minutes earlier, and prevTS's own minute, still open, is
 * meta.count - meta.prevCount.
 */
function perMinute(m: { data: number[]; meta: { prevTS: number; count: number; prevCount: number } }, now: number): Map<number, number> {
  const out = new Map<number, number>();
  if (!m.meta.prevTS) return out;
  const open = Math.floor(Number(m.meta.prevTS) / 60_000) * 60_000;
  out.set(open, Number(m.meta.count) - Number(m.meta.prevCount));
  m.data.forEach((n, i) => {
    const t = open - (i + 1) * 60_000;
    if (t > now - MINUTES * 60_000) out.set(t, Number(n));
  });
  return out;
}

export async function queuesOverview(): Promise<QueueOverview[]> {
  const now = Date.now();
  const nowMinute = Math.floor(now / 60_000) * 60_000;
  return Promise.all(
    QUEUES.map(async (name) => {
      const q = queueOf(name);
      const [counts, paused, completed, failed] = await Promise.all([
        q.getJobCounts(...STATES),
        q.isPaused(),
        q.getMetrics('completed', 0, MINUTES - 1),
        q.getMetrics('failed', 0, MINUTES - 1),
      ]);
      const c = perMinute(completed, now);
      const f = perMinute(failed, now);
      const series = Array.from({ length: MINUTES }, (_, i) => {
        const t = nowMinute - (MINUTES - 1 - i) * 60_000;
        return { t, completed: c.get(t) ?? 0, failed: f.get(t) ?? 0 };
      });
      return { name, paused, counts: Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) as QueueOverview['counts'], series };
    }),
  );
}

export type JobSummary = {
  id: string;
  taskId: string;
  queue: TQueueName;
  name: string;
  state: string;
  priority: number;
  attemptsMade: number;
  attempts: number;
  progress: unknown;
  data: unknown;
  returnValue: unknown;
  failedReason: string | null;
  stacktrace: string[];
  createdAt: number;
  processedAt: number | null;
  finishedAt: number | null;
  delayUntil: number | null;
};

async function summarize(queue: TQueueName, job: Job, state?: string): Promise<JobSummary> {
  return {
    id: job.id!,
    taskId: taskIdOf(queue, job.id!),
    queue,
    name: job.name,
    state: state ?? (await job.getState()),
    priority: job.opts.priority ?? 0,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    progress: job.progress,
    data: job.data,
    returnValue: job.returnvalue ?? null,
    failedReason: job.failedReason || null,
    stacktrace: job.stacktrace ?? [],
    createdAt: job.timestamp,
    processedAt: job.processedOn ?? null,
    finishedAt: job.finishedOn ?? null,
    delayUntil: job.delay ? job.timestamp + job.delay : null,
  };
}

export const ZListJobsInput = z
  .object({
    queue: ZQueueName.optional(),
    state: z.enum(STATES).default('failed'),
    limit: z.number().int().min(1).max(FAILED_SHOWN).default(FAILED_SHOWN),
  })
  .strict();
export type TListJobsInput = z.infer<typeof ZListJobsInput>;

/** Jobs in one state, newest first, across queues (or one). */
export async function listJobs(input: TListJobsInput): Promise<JobSummary[]> {
  const queues = input.queue ? [input.queue] : QUEUES;
  const lists = await Promise.all(
    queues.map(async (queue) => {
      const jobs = await queueOf(queue).getJobs([input.state as JobType], 0, input.limit - 1, false);
      return Promise.all(jobs.filter(Boolean).map((j) => summarize(queue, j as Job, input.state)));
    }),
  );
  return lists
    .flat()
    .sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt))
    .slice(0, input.limit);
}

export const ZJobRef = z.object({ queue: ZQueueName, jobId: z.string().min(1).max(200) }).strict();
export type TJobRef = z.infer<typeof ZJobRef>;

async function jobOrThrow(ref: TJobRef): Promise<Job> {
  const job = await queueOf(ref.queue).getJob(ref.jobId);
  if (!job) throw new AppError('NOT_FOUND', `No job ${ref.jobId} in queue ${ref.queue} (finished jobs are kept a day, failed ones a week)`);
  return job as Job;
}

/** One job in full: payload, attempts, error and stack, and its task row. */
export async function jobDetail(db: Db, ref: TJobRef) {
  const job = await jobOrThrow(ref);
  const summary = await summarize(ref.queue, job);
  const task = await db.backgroundTask.findUnique({ where: { id: summary.taskId } });
  const logs = await queueOf(ref.queue).getJobLogs(ref.jobId, 0, 49);
  return { ...summary, task, logs: logs.logs };
}

export const ZJobAction = z.enum(['retry', 'remove', 'promote']);
export const ZQueueAction = z.enum(['pause', 'resume', 'clean-completed']);
export const ZJobControlInput = ZJobRef.extend({ action: ZJobAction }).strict();
export const ZQueueControlInput = z.object({ queue: ZQueueName, action: ZQueueAction }).strict();
export type TJobControlInput = z.infer<typeof ZJobControlInput>;
export type TQueueControlInput = z.infer<typeof ZQueueControlInput>;

/** Retry a failed job, remove a job that is not running, or run a delayed one now. */
export async function controlJob(db: Db, actor: Actor, input: TJobControlInput): Promise<{ ok: true; audited: boolean }> {
  const job = await jobOrThrow(input);
  const state = await job.getState();
  const taskId = taskIdOf(input.queue, input.jobId);
  const refuse = (why: string) => {
    throw new AppError('CONFLICT', `Cannot ${input.action} job ${input.jobId}: it is ${state}${why}`, { state });
  };
  if (input.action === 'retry') {
    if (state !== 'failed') refuse(' (only a failed job can be retried)');
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    await db.backgroundTask.updateMany({ where: { id: taskId }, data: { status: 'pending', completedAt: null, progress: 0 } });
  } else if (input.action === 'remove') {
    if (state === 'active') refuse(' (a running job cannot be removed; it will finish or fail)');
    await job.remove();
    await db.backgroundTask.updateMany({ where: { id: taskId, status: 'pending' }, data: { status: 'cancelled', completedAt: new Date() } });
  } else {
    if (state !== 'delayed') refuse(' (only a delayed job can be promoted)');
    await job.promote();
  }
  const audited = await recordAudit(db, actor, {
    action: `jobs.${input.action}`,
    target: `${input.queue}/${input.jobId}`,
    details: { name: job.name, stateBefore: state, attemptsMade: job.attemptsMade },
  });
  return { ok: true, audited };
}

/** Pause or resume a queue (running jobs finish; no new ones start), or clean its completed jobs. */
export async function controlQueue(db: Db, actor: Actor, input: TQueueControlInput): Promise<{ ok: true; audited: boolean; removed?: number }> {
  const q = queueOf(input.queue);
  let removed: number | undefined;
  if (input.action === 'pause') await q.pause();
  else if (input.action === 'resume') await q.resume();
  else removed = (await q.clean(0, 100_000, 'completed')).length;
  const audited = await recordAudit(db, actor, {
    action: `queues.${input.action}`,
    target: input.queue,
    details: removed === undefined ? {} : { removed },
  });
  return { ok: true, audited, ...(removed === undefined ? {} : { removed }) };
}

/** Recent notifications (sent, or kept in the outbox), newest first. */
export async function listOutbox(db: Db, limit = 50) {
  const rows = await db.notificationOutbox.findMany({ orderBy: { id: 'desc' }, take: limit });
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
