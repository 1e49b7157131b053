// Producing jobs: validate the payload against its contract, record the task as
// pending, hand it to BullMQ, and return at once (Property 17): the caller gets the
// task id and never waits for the work. The enqueuing request's correlation id rides
// in the payload, so the job's log lines tie back to the request.
import { randomUUID } from 'node:crypto';
import type { Db } from '../data';
import { AppError } from '../lib';
import { currentContext } from '../lib/request-context';
import { logger } from '../observability';
import { BACKOFF_TYPE } from './backoff';
import { JOBS, PRIORITY, type TJobInput, type TJobName, type TPriority } from './contracts';
import { jobsConfig } from './config';
import { queueOf } from './queues';
import type { Prisma } from '../data';

// A request never waits longer than this for Redis to take a job.
const ENQUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not take the job within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export type EnqueueOptions = {
  priority?: TPriority;
  /** one live (pending or running) task per key: a second enqueue returns the first */
  dedupeKey?: string;
  /** wait this long before the first attempt */
  delayMs?: number;
};

export type Enqueued = { taskId: string; deduplicated: boolean };

export async function enqueue<N extends TJobName>(db: Db, name: N, input: TJobInput<N>, opts: EnqueueOptions = {}): Promise<Enqueued> {
  const contract = JOBS[name];
  const parsed = contract.payload.safeParse({ correlationId: currentContext()?.correlationId, ...(input as object) });
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `Invalid payload for job ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  const payload = parsed.data as Record<string, unknown>;
  const priority = PRIORITY[opts.priority ?? contract.priority];

  if (opts.dedupeKey) {
    const live = await db.backgroundTask.findFirst({
      where: { dedupeKey: opts.dedupeKey, status: { in: ['pending', 'running'] } },
      select: { id: true },
    });
    if (live) return { taskId: live.id, deduplicated: true };
  }

  const taskId = randomUUID();
  // The row first: a worker that picks the job up at once always finds it.
  await db.backgroundTask.create({
    data: {
      id: taskId,
      queue: contract.queue,
      name,
      priority,
      payload: payload as Prisma.InputJsonValue,
      dedupeKey: opts.dedupeKey ?? null,
      correlationId: (payload.correlationId as string | undefined) ?? null,
    },
  });
  try {
    await withTimeout(
      queueOf(contract.queue).add(name, payload, {
        jobId: taskId,
        priority,
        delay: opts.delayMs,
        attempts: jobsConfig.retries + 1,
        backoff: { type: BACKOFF_TYPE },
      }),
      ENQUEUE_TIMEOUT_MS,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.backgroundTask
      .updateMany({ where: { id: taskId }, data: { status: 'failed', error: `not enqueued: ${message}`, completedAt: new Date() } })
      .catch(() => {});
    throw new AppError('UNAVAILABLE', `The job queue is unavailable: ${message}`, undefined, { cause: err });
  }
  return { taskId, deduplicated: false };
}

/**
 * For side effects of a request that must not fail it (a notification after a FIR was
 * registered): a queue outage is logged and the request goes on.
 */
export async function enqueueQuietly<N extends TJobName>(db: Db, name: N, input: TJobInput<N>, opts?: EnqueueOptions): Promise<Enqueued | null> {
  try {
    return await enqueue(db, name, input, opts);
  } catch (err) {
    logger.warn({ err, job: name }, 'background job not enqueued');
    return null;
  }
}

/**
 * Cancels a task that no worker has taken yet. A running, finished or failed task
 * cannot be cancelled (CONFLICT says which state it is in).
 */
export async function cancelTask(db: Db, taskId: string): Promise<{ cancelled: true }> {
  const task = await db.backgroundTask.findUnique({ where: { id: taskId }, select: { status: true, queue: true } });
  if (!task) throw new AppError('NOT_FOUND', `No background task ${taskId}`);
  if (task.status !== 'pending') throw new AppError('CONFLICT', `Task ${taskId} is ${task.status}: only a pending task can be cancelled`, { status: task.status });
  const job = await queueOf(task.queue as Parameters<typeof queueOf>[0]).getJob(taskId);
  if (job) {
    try {
      await job.remove(); // refuses a job a worker holds the lock of
    } catch {
      throw new AppError('CONFLICT', `Task ${taskId} was just taken by a worker and can no longer be cancelled`);
    }
  }
  const n = await db.backgroundTask.updateMany({ where: { id: taskId, status: 'pending' }, data: { status: 'cancelled', completedAt: new Date() } });
  if (n.count === 0) throw new AppError('CONFLICT', `Task ${taskId} was just taken by a worker and can no longer be cancelled`);
  return { cancelled: true };
}
