// A worker killed with SIGKILL in the middle of a PDF job: no cleanup, its job stays
// locked in Redis and "running" in background_task. When the lock lapses, a restarted
// worker takes the job again (BullMQ's stalled-job check); it completes, and exactly
// one PDF is stored for the FIR's version (the store is idempotent per version).
import { afterAll, describe, expect, it, vi } from 'vitest';

const PREFIX = vi.hoisted(() => {
  const prefix = `test-crash-${process.pid}-${Date.now().toString(36)}`;
  Object.assign(process.env, { JOBS_PREFIX: prefix });
  return prefix;
});

import { db } from '@/server/data';
import { closeQueues, enqueue, getTask, queueOf, QUEUES } from '@/server/jobs';
import { makeRegisteredFir } from '../helpers/registered-fir';
import { eventually } from '../helpers/test-db';
import { startWorker, type WorkerProcess } from '../helpers/worker-process';

// A short lock so the lapse after the kill takes seconds, not the default 30 s.
const WORKER_ENV = { JOBS_PREFIX: PREFIX, WORKER_CONCURRENCY: '1', WORKER_LOCK_MS: '3000', JOB_BACKOFF_BASE_MS: '200' };
const started: WorkerProcess[] = [];

afterAll(async () => {
  await Promise.allSettled(started.map((w) => w.stop()));
  await Promise.allSettled(QUEUES.map((q) => queueOf(q).obliterate({ force: true })));
  await closeQueues();
});

describe('worker crash during a PDF job', () => {
  it('kill -9 mid-job: the job completes after a restart, and one PDF is stored', async () => {
    // A long complaint makes a multi-page PDF, so the job runs long enough to be caught mid-way.
    const narrative = 'The complainant states that '.concat('the accused persons followed her from the market and snatched her bag. '.repeat(250)).slice(0, 19_000);
    let caught: { taskId: string; firId: string } | null = null;
    // The kill has to land while the job runs; a job that finished first is tried again with another FIR.
    for (let attempt = 0; attempt < 5 && !caught; attempt++) {
      const worker = await startWorker(WORKER_ENV);
      started.push(worker);
      const { fir } = await makeRegisteredFir(db, { narrative });
      const { taskId } = await enqueue(db, 'fir.pdf', { firId: fir.id });
      const running = await eventually(async () => (await getTask(db, taskId))?.status !== 'pending', 60_000, 5);
      expect(running).toBe(true);
      await worker.kill9();
      const task = await getTask(db, taskId);
      if (task?.status === 'running') caught = { taskId, firId: fir.id };
    }
    expect(caught, 'the worker was never killed while a PDF job was running').not.toBeNull();
    const { taskId, firId } = caught!;
    expect(await db.firDocument.count({ where: { firId } })).toBeLessThanOrEqual(1);

    const restarted = await startWorker(WORKER_ENV);
    started.push(restarted);
    const done = await eventually(async () => (await getTask(db, taskId))?.status === 'completed', 90_000, 100);
    expect(done, restarted.output()).toBe(true);

    const task = await getTask(db, taskId);
    expect(task).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(await db.firDocument.count({ where: { firId } })).toBe(1);
    const doc = await db.firDocument.findFirstOrThrow({ where: { firId } });
    expect(Buffer.from(doc.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((task!.result as { documentId: string }).documentId).toBe(doc.id);
    expect(await (await queueOf('documents').getJob(taskId))?.getState()).toBe('completed');
  });
});
