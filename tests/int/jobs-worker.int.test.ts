// The jobs end to end with a real worker process: a FIR's PDF copy (its text read back
// with unpdf), the complainant's notification in the outbox, cancelling, the daily
// rollup, a graceful SIGTERM and the worker's metrics.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PREFIX = vi.hoisted(() => {
  const prefix = `test-worker-${process.pid}-${Date.now().toString(36)}`;
  Object.assign(process.env, { JOBS_PREFIX: prefix, JOB_BACKOFF_BASE_MS: '200' });
  return prefix;
});

import { extractText, getDocumentProxy } from 'unpdf';
import { redis, whenReady } from '@/server/cache';
import { db } from '@/server/data';
import { transitionFir } from '@/server/fir';
import { cancelTask, closeQueues, enqueue, getTask, queueOf, QUEUES } from '@/server/jobs';
import { makeRegisteredFir } from '../helpers/registered-fir';
import { eventually } from '../helpers/test-db';
import { CACHE_KEY_PREFIX } from '@/server/cache/prefix';
import { startWorker, type WorkerProcess } from '../helpers/worker-process';
import { OverviewSampler } from '@/server/observability/overview';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let worker: WorkerProcess;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = await freePort();
  worker = await startWorker({ JOBS_PREFIX: PREFIX, JOB_BACKOFF_BASE_MS: '200', WORKER_METRICS_PORT: String(metricsPort) });
});

afterAll(async () => {
  await worker?.stop();
  await Promise.allSettled(QUEUES.map((q) => queueOf(q).obliterate({ force: true })));
  await closeQueues();
});

const completed = (taskId: string) => eventually(async () => (await getTask(db, taskId))?.status === 'completed', 60_000, 50);

describe('jobs on a real worker', () => {
  it('makes the PDF copy of a FIR, with its number and complaint in the text', async () => {
    const { fir } = await makeRegisteredFir(db, { complainantName: 'Lakshmi Narayanan' });
    const { taskId } = await enqueue(db, 'fir.pdf', { firId: fir.id });
    expect(await completed(taskId), worker.output()).toBe(true);
    const task = await getTask(db, taskId);
    const { documentId } = task!.result as { documentId: string };
    const doc = await db.firDocument.findUniqueOrThrow({ where: { id: documentId } });
    expect(doc.firId).toBe(fir.id);
    const pdf = await getDocumentProxy(new Uint8Array(doc.content));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain(`FIR No. ${fir.number}`);
    expect(text).toContain('Lakshmi Narayanan');
    expect(text).toContain('Section 173');
    expect(text).toContain('BNS 304(2)');

    // The same version again: the stored copy is reused, not stored twice.
    const again = await enqueue(db, 'fir.pdf', { firId: fir.id });
    expect(await completed(again.taskId)).toBe(true);
    expect((await getTask(db, again.taskId))!.result).toMatchObject({ documentId, reused: true });
    expect(await db.firDocument.count({ where: { firId: fir.id } })).toBe(1);
  });

  it('a PDF job for a FIR that does not exist fails at once, without retries', async () => {
    const { taskId } = await enqueue(db, 'fir.pdf', { firId: '00000000-0000-4000-8000-000000000000' });
    expect(await eventually(async () => (await getTask(db, taskId))?.status === 'failed', 60_000, 50)).toBe(true);
    expect(await getTask(db, taskId)).toMatchObject({ status: 'failed', retryCount: 0, error: expect.stringMatching(/does not exist/) });
  });

  it('notifies the complainant on registration and on each status change (outbox without SMTP)', async () => {
    const { fir, officer } = await makeRegisteredFir(db);
    await transitionFir(db, officer.actor, { id: fir.id, to: 'under_investigation', note: 'Officer assigned' });
    const ok = await eventually(async () => (await db.notificationOutbox.count({ where: { firId: fir.id } })) === 2, 60_000, 100);
    expect(ok, worker.output()).toBe(true);
    const rows = await db.notificationOutbox.findMany({ where: { firId: fir.id }, orderBy: { id: 'asc' } });
    expect(rows[0]).toMatchObject({ delivery: 'no_address', subject: expect.stringContaining(`FIR No. ${fir.number}`) });
    expect(rows[0]!.subject).toContain('registered');
    expect(rows[1]!.subject).toContain('under investigation');
    expect(rows[1]!.body).toContain('Officer assigned');
    // Each one's task is completed; running the same event's job again adds nothing.
    const event = await db.firEvent.findFirstOrThrow({ where: { firId: fir.id, toStatus: 'registered' } });
    const { taskId } = await enqueue(db, 'fir.notify', { firId: fir.id, eventId: String(event.id) });
    expect(await completed(taskId)).toBe(true);
    expect(await db.notificationOutbox.count({ where: { firId: fir.id } })).toBe(2);
  });

  it('addresses the complainant’s email when given (kept in the outbox without SMTP)', async () => {
    const { fir } = await makeRegisteredFir(db, { complainantEmail: 'meera.iyer@example.in' });
    const ok = await eventually(async () => (await db.notificationOutbox.count({ where: { firId: fir.id } })) === 1, 60_000, 100);
    expect(ok, worker.output()).toBe(true);
    expect(await db.notificationOutbox.findFirst({ where: { firId: fir.id } })).toMatchObject({ delivery: 'outbox', recipient: 'meera.iyer@example.in', sentAt: null });
  });

  it('cancels a pending task, and refuses to cancel a finished one', async () => {
    const { taskId } = await enqueue(db, 'system.noop', { tag: 'later' }, { delayMs: 60_000 });
    await expect(cancelTask(db, taskId)).resolves.toEqual({ cancelled: true });
    expect(await getTask(db, taskId)).toMatchObject({ status: 'cancelled' });
    expect(await queueOf('system').getJob(taskId)).toBeUndefined();
    await expect(cancelTask(db, taskId)).rejects.toMatchObject({ code: 'CONFLICT' });

    const done = await enqueue(db, 'system.noop', {});
    expect(await completed(done.taskId)).toBe(true);
    await expect(cancelTask(db, done.taskId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(cancelTask(db, '00000000-0000-4000-8000-000000000001')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects a bad payload at the producer', async () => {
    await expect(enqueue(db, 'fir.pdf', { firId: 'nope' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('rolls FIRs up per day and station', async () => {
    const { fir } = await makeRegisteredFir(db);
    const { taskId } = await enqueue(db, 'rollup.daily', { days: 2 });
    expect(await completed(taskId)).toBe(true);
    const row = await db.firDailyRollup.findFirstOrThrow({ where: { stationId: fir.station.id } });
    expect(row).toMatchObject({ filed: 1, registered: 1, closed: 0 });
  });

  it('archives closed FIRs untouched for FIR_ARCHIVE_AFTER_DAYS, and only those', async () => {
    const old = await makeRegisteredFir(db);
    const recent = await makeRegisteredFir(db);
    const open = await makeRegisteredFir(db);
    for (const f of [old, recent]) {
      await transitionFir(db, f.officer.actor, { id: f.fir.id, to: 'under_investigation' });
      await transitionFir(db, f.officer.actor, { id: f.fir.id, to: 'closed' });
    }
    await db.$executeRaw`UPDATE fir SET updated_at = now() - interval '731 days' WHERE id IN (${old.fir.id}::uuid, ${open.fir.id}::uuid)`;
    const { taskId } = await enqueue(db, 'maintenance.archive', { batchSize: 2 });
    expect(await completed(taskId)).toBe(true);
    const archived = await db.fir.findMany({ where: { id: { in: [old.fir.id, recent.fir.id, open.fir.id] } }, select: { id: true, archivedAt: true } });
    expect(archived.find((f) => f.id === old.fir.id)?.archivedAt).not.toBeNull();
    expect(archived.find((f) => f.id === recent.fir.id)?.archivedAt).toBeNull(); // closed, but recently
    expect(archived.find((f) => f.id === open.fir.id)?.archivedAt).toBeNull(); // old, but not closed
  });

  it('snapshots pg_stat_statements when the extension is there', async () => {
    const [ext] = await db.$queryRaw<{ ok: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS ok`;
    const { taskId } = await enqueue(db, 'maintenance.statements', { top: 5 });
    expect(await completed(taskId)).toBe(true);
    const result = (await getTask(db, taskId))!.result as { captured: number; skipped?: string };
    if (ext?.ok) {
      expect(result.captured).toBeGreaterThan(0);
      expect(result.captured).toBeLessThanOrEqual(5);
      expect(await db.statementSnapshot.count({ where: { capturedAt: { gte: new Date(Date.now() - 300_000) } } })).toBeGreaterThan(0);
    } else {
      expect(result).toMatchObject({ captured: 0, skipped: expect.stringContaining('not installed') });
    }
  });

  it('puts an expiry on cache statistics keys that have none', async () => {
    await whenReady(2000, redis);
    // Keys in the cache's stats namespace (the job's default pattern) with no expiry: none
    // the cache writes, which always sets one, but a key left by anything else.
    const key = `${CACHE_KEY_PREFIX}stats:test:${PREFIX}`;
    const kept = `${CACHE_KEY_PREFIX}stats:test-ttl:${PREFIX}`;
    await redis.set(key, '1');
    await redis.set(kept, '1', 'EX', 120);
    const { taskId } = await enqueue(db, 'maintenance.expire', {});
    expect(await completed(taskId)).toBe(true);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(120);
    expect(await redis.ttl(kept)).toBeLessThanOrEqual(120); // its own shorter expiry stands
    await redis.del(key, kept);
  });

  it('serves its metrics: outcomes and queue depth', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/jobs_processed_total\{queue="system",name="system.noop",outcome="completed"\} [1-9]/);
    expect(body).toMatch(/jobs_queue_depth\{queue="documents",state="completed"\} [1-9]/);
    expect(body).toContain('job_duration_seconds_bucket');
  });

  it("the console's overview reads the worker's metrics: queue depth has data, and the sampler says when the worker is gone", async () => {
    const withWorker = new OverviewSampler(() => [`http://127.0.0.1:${metricsPort}/metrics`]);
    await withWorker.sample();
    expect(withWorker.lastError).toBeNull();
    expect(withWorker.workerScraped).toBe(true);
    // A number (this run's queues may well be empty), where without the worker it is null.
    expect(withWorker.snapshot().at(-1)!.values.queue_depth).toBeTypeOf('number');

    const closed = await freePort(); // nothing listens there
    const gone = new OverviewSampler(() => [`http://127.0.0.1:${closed}/metrics`]);
    await gone.sample();
    expect(gone.lastError).toBeNull();
    expect(gone.workerScraped).toBe(false);
    expect(gone.snapshot().at(-1)!.values.queue_depth).toBeNull();
  });

  it('on SIGTERM finishes the job it is running, then exits 0', async () => {
    const { fir } = await makeRegisteredFir(db);
    const { taskId } = await enqueue(db, 'fir.pdf', { firId: fir.id });
    await eventually(async () => (await getTask(db, taskId))?.status !== 'pending', 60_000, 5);
    expect(await worker.stop()).toBe(0);
    expect(await getTask(db, taskId)).toMatchObject({ status: 'completed' });
  });
});
