// The worker: one BullMQ Worker per queue, each job run inside its own request
// context (kind 'job', the enqueuing request's correlation id) with its status
// mirrored in background_task, and the periodic jobs installed. Started by
// worker-main.ts in its own process (`npm run worker`), never inside Next.js.
import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import { db } from '../data';
import { runWithContext } from '../lib/request-context';
import { logger } from '../observability';
import { BACKOFF_TYPE, retryDelayMs } from './backoff';
import { jobsConfig } from './config';
import { JOBS, PRIORITY, QUEUES, type TJobName, type TQueueName } from './contracts';
import { jobDuration, jobOutcomes } from './metrics';
import { PROCESSORS, PermanentJobError } from './processors';
import { queueOf, workerConnection } from './queues';
import { SCHEDULES } from './schedules';
import { markAttemptFailed, markCompleted, markProgress } from './tasks';
import { taskIdOf } from './task-id';

/** Running, attempt recorded; a scheduler's job gets its row here. False when the task was cancelled. */
async function markRunning(job: Job, queue: TQueueName, taskId: string): Promise<boolean> {
  const contract = JOBS[job.name as TJobName];
  const priority = job.opts.priority ?? PRIORITY[contract?.priority ?? 'normal'];
  const correlationId = typeof job.data?.correlationId === 'string' ? job.data.correlationId : null;
  const n = await db.$executeRaw`
    INSERT INTO background_task (id, queue, name, status, priority, payload, correlation_id, retry_count, started_at)
    VALUES (${taskId}::uuid, ${queue}, ${job.name}, 'running', ${priority}, ${JSON.stringify(job.data ?? {})}::jsonb, ${correlationId}, ${job.attemptsMade}, now())
    ON CONFLICT (id) DO UPDATE SET status = 'running', started_at = now(), retry_count = EXCLUDED.retry_count, completed_at = NULL
    WHERE background_task.status <> 'cancelled'`;
  return n > 0;
}

async function handle(queue: TQueueName, job: Job): Promise<unknown> {
  const name = job.name as TJobName;
  const correlationId = typeof job.data?.correlationId === 'string' ? job.data.correlationId : `job:${job.id}`;
  return runWithContext({ correlationId, kind: 'job' }, async () => {
    const taskId = taskIdOf(queue, job.id!);
    // correlation_id comes from the context (the logger's mixin): binding it too would write it twice.
    const log = logger.child({ job: name, taskId, attempt: job.attemptsMade + 1 });
    const started = performance.now();
    const contract = JOBS[name];
    if (!(await markRunning(job, queue, taskId))) {
      jobOutcomes.inc({ queue, name, outcome: 'skipped' });
      log.info('task was cancelled; skipped');
      return { skipped: 'cancelled' };
    }
    try {
      if (!contract || contract.queue !== queue) throw new PermanentJobError(`No job "${job.name}" on queue ${queue}`);
      const parsed = contract.payload.safeParse(job.data);
      if (!parsed.success) throw new PermanentJobError(`Invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      const processor = PROCESSORS[name] as (p: unknown, c: Parameters<(typeof PROCESSORS)[TJobName]>[1]) => Promise<unknown>;
      const result = await processor(parsed.data, {
        db,
        taskId,
        progress: async (p) => {
          await Promise.all([job.updateProgress(p), markProgress(db, taskId, p)]);
        },
      });
      await markCompleted(db, taskId, result ?? null);
      jobOutcomes.inc({ queue, name, outcome: 'completed' });
      log.info({ ms: Math.round(performance.now() - started) }, 'job completed');
      return result ?? null;
    } catch (err) {
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = err instanceof Error ? err.message : String(err);
      await markAttemptFailed(db, taskId, { error: message, retryCount: job.attemptsMade, final }).catch((e: unknown) => log.error({ err: e }, 'task status not written'));
      jobOutcomes.inc({ queue, name, outcome: final ? 'failed' : 'retried' });
      log.warn({ err, final }, final ? 'job failed' : 'job attempt failed; will retry');
      throw err;
    } finally {
      jobDuration.observe({ queue, name }, (performance.now() - started) / 1000);
    }
  });
}

export type RunningWorkers = { workers: Worker[]; close: () => Promise<void> };

/** Starts a worker on every queue (or the given ones) and installs the periodic jobs. */
export async function startWorkers(opts: { queues?: readonly TQueueName[] } = {}): Promise<RunningWorkers> {
  const names = opts.queues ?? QUEUES;
  const workers = names.map((queue) => {
    const w = new Worker(queue, (job) => handle(queue, job), {
      connection: workerConnection() as never,
      prefix: jobsConfig.prefix,
      concurrency: jobsConfig.concurrency,
      lockDuration: jobsConfig.lockMs,
      stalledInterval: Math.max(1000, Math.round(jobsConfig.lockMs / 2)),
      // a job that stalls twice (its worker died twice in it) is failed, not retried forever
      maxStalledCount: 2,
      // per-minute completed/failed counts in Redis: the console's throughput chart
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      settings: {
        // BACKOFF_TYPE jobs: BullMQ's built-in exponential has no cap, the design's has
        backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, jobsConfig.backoff),
      },
    });
    w.on('error', (err) => logger.error({ err, queue }, 'worker error'));
    w.on('stalled', (jobId) => logger.warn({ queue, jobId }, 'job stalled (its worker stopped); it runs again'));
    return w;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  if (jobsConfig.schedules) {
    for (const s of SCHEDULES) {
      const contract = JOBS[s.job];
      const repeat = 'everyMs' in s ? { every: s.everyMs } : { pattern: s.cron, tz: s.tz };
      await queueOf(contract.queue).upsertJobScheduler(s.id, repeat, {
        name: s.job,
        data: contract.payload.parse(s.input),
        opts: { priority: PRIORITY[contract.priority], attempts: jobsConfig.retries + 1, backoff: { type: BACKOFF_TYPE } },
      });
    }
  }
  logger.info({ queues: names, concurrency: jobsConfig.concurrency, prefix: jobsConfig.prefix, schedules: jobsConfig.schedules ? SCHEDULES.map((s) => s.id) : [] }, 'worker started');

  return {
    workers,
    // Graceful: each worker finishes the jobs it holds, takes no new ones.
    close: async () => {
      await Promise.allSettled(workers.map((w) => w.close()));
    },
  };
}
