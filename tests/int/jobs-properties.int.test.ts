// The backend design's background-processing properties (17–20), against real Redis,
// the real test database and a real worker process. The file has its own queue prefix,
// so its queues and worker are its own; the worker runs one job at a time (priority
// order is then observable) with small backoff delays.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PREFIX = vi.hoisted(() => {
  const prefix = `test-props-${process.pid}-${Date.now().toString(36)}`;
  Object.assign(process.env, { JOBS_PREFIX: prefix, JOB_RETRIES: '3', JOB_BACKOFF_BASE_MS: '400', JOB_BACKOFF_CAP_MS: '60000' });
  return prefix;
});

import { db } from '@/server/data';
import { closeQueues, enqueue, getTask, queueOf, QUEUES, retryWindowMs, type TaskView } from '@/server/jobs';
import { eventually } from '../helpers/test-db';
import { startWorker, type WorkerProcess } from '../helpers/worker-process';

const BACKOFF = { baseMs: 400, capMs: 60_000 };
let worker: WorkerProcess;

beforeAll(async () => {
  worker = await startWorker({ JOBS_PREFIX: PREFIX, WORKER_CONCURRENCY: '1', JOB_BACKOFF_BASE_MS: String(BACKOFF.baseMs), JOB_BACKOFF_CAP_MS: String(BACKOFF.capMs) });
});

afterAll(async () => {
  await worker?.stop();
  await Promise.allSettled(QUEUES.map((q) => queueOf(q).obliterate({ force: true })));
  await closeQueues();
});

async function settled(ids: string[], timeoutMs = 60_000): Promise<TaskView[]> {
  let tasks: TaskView[] = [];
  const ok = await eventually(async () => {
    tasks = (await Promise.all(ids.map((id) => getTask(db, id)))) as TaskView[];
    return tasks.every((t) => t && ['completed', 'failed', 'cancelled'].includes(t.status));
  }, timeoutMs, 50);
  if (!ok) throw new Error(`tasks did not settle: ${JSON.stringify(tasks.map((t) => [t?.name, t?.status, t?.retryCount]))}\n${worker.output()}`);
  return tasks;
}

describe('background jobs (backend-optimization properties 17–20)', () => {
  // Property 17 (backend-optimization): Async task queuing — enqueue adds the task to the
  // queue and returns at once, before the task ran; the task then runs asynchronously.
  it('enqueue returns before the job runs, and the job then runs', async () => {
    const q = queueOf('system');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), async (tags) => {
        await q.pause(); // the worker may take nothing: whatever enqueue returned, it did not wait for the work
        const ids: string[] = [];
        try {
          for (const tag of tags) {
            const { taskId, deduplicated } = await enqueue(db, 'system.noop', { tag });
            expect(deduplicated).toBe(false);
            const task = await getTask(db, taskId);
            expect(task?.status).toBe('pending');
            expect(task?.startedAt).toBeNull();
            expect(await (await q.getJob(taskId))?.getState()).toMatch(/^(waiting|prioritized|paused)$/);
            ids.push(taskId);
          }
        } finally {
          await q.resume();
        }
        const done = await settled(ids);
        for (const [i, t] of done.entries()) {
          expect(t.status).toBe('completed');
          expect(t.result).toEqual({ ok: true, tag: tags[i] });
        }
      }),
      { numRuns: 4 },
    );
  });

  // Property 18 (backend-optimization): Task retry with exponential backoff — a task that
  // fails with a retryable error is retried, with growing delays between attempts.
  it('a failing job is retried with exponentially growing delays, then succeeds', async () => {
    const { taskId } = await enqueue(db, 'system.probe', { failTimes: 3, tag: 'backoff' });
    const starts: number[] = [];
    // Each attempt writes its start; record every distinct one (attempts are ≥ 200 ms apart).
    const ok = await eventually(async () => {
      const t = await getTask(db, taskId);
      const at = t?.startedAt?.getTime();
      if (at && starts.at(-1) !== at) starts.push(at);
      return t?.status === 'completed';
    }, 60_000, 20);
    expect(ok, worker.output()).toBe(true);
    const task = await getTask(db, taskId);
    expect(task).toMatchObject({ status: 'completed', retryCount: 3, result: { ok: true, attempts: 4 } });
    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // A retry never runs before its backoff: gap n ≥ the lower end of window n …
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(retryWindowMs(i + 1, BACKOFF)[0] - 20));
    // … and the windows double, so the third wait is longer than the first.
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  // Property 19 (backend-optimization): Task status tracking — for any task that finishes,
  // successfully or not, the status table holds its final state.
  it('the status table reflects each task’s final state', async () => {
    await fc.assert(
      fc.asyncProperty(
        // 0 or 1 failures succeed (after a retry); 4 outlasts the 3 retries; permanent is never retried
        fc.array(fc.record({ failTimes: fc.constantFrom(0, 1, 4), permanent: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        async (specs) => {
          const ids = [];
          for (const s of specs) ids.push((await enqueue(db, 'system.probe', s)).taskId);
          const tasks = await settled(ids);
          for (const [i, t] of tasks.entries()) {
            const { failTimes, permanent } = specs[i]!;
            const succeeds = !permanent && failTimes <= 3;
            expect(t.status).toBe(succeeds ? 'completed' : 'failed');
            expect(t.completedAt).not.toBeNull();
            if (succeeds) {
              expect(t.retryCount).toBe(failTimes);
              expect(t.error).toBeNull();
            } else {
              expect(t.retryCount).toBe(permanent ? 0 : 3); // a permanent error is not retried; else all 3 retries ran
              expect(t.error).toMatch(/probe/);
            }
          }
        },
      ),
      { numRuns: 3 },
    );
  });

  // Property 20 (backend-optimization): Task prioritization — of queued tasks, higher-
  // priority ones are processed first when a worker is free.
  it('higher-priority jobs run first when the worker frees up', async () => {
    const q = queueOf('system');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('high', 'normal', 'low') as fc.Arbitrary<'high' | 'normal' | 'low'>, { minLength: 2, maxLength: 8 }), async (priorities) => {
        await q.pause();
        const ids: string[] = [];
        try {
          for (const [i, priority] of priorities.entries()) ids.push((await enqueue(db, 'system.noop', { tag: `p${i}` }, { priority })).taskId);
        } finally {
          await q.resume();
        }
        const tasks = await settled(ids);
        const byStart = [...tasks].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime() || a.completedAt!.getTime() - b.completedAt!.getTime());
        const order = byStart.map((t) => t.priority);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
      { numRuns: 4 },
    );
  });
});
