// The Queues console's procedures and the officer's PDF copy, through createCaller
// with a real context and a real worker process: admins only; counts per state;
// failed jobs with error and stack; retry, remove, promote, pause/resume and clean,
// each audit-logged; the copy requested, followed and downloaded over HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PREFIX = vi.hoisted(() => {
  const prefix = `test-console-${process.pid}-${Date.now().toString(36)}`;
  Object.assign(process.env, { JOBS_PREFIX: prefix, JOB_RETRIES: '1', JOB_BACKOFF_BASE_MS: '100' });
  return prefix;
});

import { SESSION_COOKIE } from '@/server/auth';
import { db } from '@/server/data';
import { createHttpServer } from '@/server/http';
import { closeQueues, enqueue, getTask, queueOf, QUEUES } from '@/server/jobs';
import { makeUser } from '../helpers/fixtures';
import { makeRegisteredFir } from '../helpers/registered-fir';
import { browser, signInJar } from '../helpers/trpc-browser';
import { eventually } from '../helpers/test-db';
import { startWorker, type WorkerProcess } from '../helpers/worker-process';

async function signedIn(email: string) {
  const jar = await signInJar(email);
  return { caller: await browser(jar), jar };
}

let worker: WorkerProcess;
let admin: Awaited<ReturnType<typeof browser>>;
let adminId: string;

beforeAll(async () => {
  worker = await startWorker({ JOBS_PREFIX: PREFIX, JOB_RETRIES: '1', JOB_BACKOFF_BASE_MS: '100' });
  const a = await makeUser(db, { role: 'admin', stationId: null });
  adminId = a.id;
  admin = (await signedIn(a.email)).caller;
});

afterAll(async () => {
  await worker?.stop();
  await Promise.allSettled(QUEUES.map((q) => queueOf(q).obliterate({ force: true })));
  await closeQueues();
});

const auditOf = (action: string, target: string) => db.auditLog.findFirst({ where: { action, target, actorUserId: adminId } });

describe('queues console', () => {
  it('is for admins only', async () => {
    const { fir, officer } = await makeRegisteredFir(db);
    const { caller } = await signedIn(officer.email);
    await expect(caller.ops.queues.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(fir.number).toBeTruthy();
  });

  it('shows a failed job with its error and stack; retry and remove are audit-logged', async () => {
    const { taskId } = await enqueue(db, 'system.probe', { failTimes: 5, tag: 'console' });
    // The task row is marked failed inside the last attempt; BullMQ moves the job to its
    // failed set only after that attempt returns: wait for both.
    const failedBoth = async () => (await (await queueOf('system').getJob(taskId))?.getState()) === 'failed' && (await getTask(db, taskId))?.status === 'failed';
    expect(await eventually(failedBoth, 60_000, 50)).toBe(true);
    const failed = await admin.ops.queues.jobs({ state: 'failed', queue: 'system' });
    const row = failed.find((j) => j.id === taskId);
    expect(row).toMatchObject({ name: 'system.probe', attemptsMade: 2, attempts: 2, failedReason: expect.stringContaining('fails, as asked') });
    const detail = await admin.ops.queues.job({ queue: 'system', jobId: taskId });
    expect(detail.stacktrace.join('\n')).toContain('probe');
    expect(detail.data).toMatchObject({ failTimes: 5, tag: 'console' });
    expect(detail.task).toMatchObject({ status: 'failed', retryCount: 1 });

    const overview = await admin.ops.queues.overview();
    const system = overview.find((q) => q.name === 'system')!;
    expect(system.counts.failed).toBeGreaterThanOrEqual(1);
    expect(system.series).toHaveLength(60);
    expect(system.series.reduce((a, p) => a + p.failed, 0)).toBeGreaterThanOrEqual(1);

    await expect(admin.ops.queues.controlJob({ queue: 'system', jobId: taskId, action: 'promote' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await admin.ops.queues.controlJob({ queue: 'system', jobId: taskId, action: 'retry' })).toEqual({ ok: true, audited: true });
    expect(await auditOf('jobs.retry', `system/${taskId}`)).not.toBeNull();
    // Retried with its attempts reset: it fails again through both attempts.
    expect(await eventually(failedBoth, 60_000, 50)).toBe(true);

    expect(await admin.ops.queues.controlJob({ queue: 'system', jobId: taskId, action: 'remove' })).toEqual({ ok: true, audited: true });
    expect(await queueOf('system').getJob(taskId)).toBeUndefined();
    expect(await auditOf('jobs.remove', `system/${taskId}`)).not.toBeNull();
    await expect(admin.ops.queues.job({ queue: 'system', jobId: taskId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('promotes a delayed job, pauses and resumes a queue, cleans completed jobs', async () => {
    const { taskId } = await enqueue(db, 'system.noop', { tag: 'delayed' }, { delayMs: 3_600_000 });
    expect(await (await queueOf('system').getJob(taskId))?.getState()).toBe('delayed');
    await admin.ops.queues.controlJob({ queue: 'system', jobId: taskId, action: 'promote' });
    expect(await eventually(async () => (await getTask(db, taskId))?.status === 'completed', 60_000, 50)).toBe(true);

    await admin.ops.queues.controlQueue({ queue: 'analytics', action: 'pause' });
    expect((await admin.ops.queues.overview()).find((q) => q.name === 'analytics')?.paused).toBe(true);
    const held = await enqueue(db, 'rollup.daily', { days: 1 });
    expect((await getTask(db, held.taskId))?.status).toBe('pending');
    await admin.ops.queues.controlQueue({ queue: 'analytics', action: 'resume' });
    expect(await eventually(async () => (await getTask(db, held.taskId))?.status === 'completed', 60_000, 50)).toBe(true);
    expect(await auditOf('queues.pause', 'analytics')).not.toBeNull();
    expect(await auditOf('queues.resume', 'analytics')).not.toBeNull();

    const cleaned = await admin.ops.queues.controlQueue({ queue: 'system', action: 'clean-completed' });
    expect(cleaned.removed).toBeGreaterThanOrEqual(1);
    expect((await admin.ops.queues.overview()).find((q) => q.name === 'system')?.counts.completed).toBe(0);
    expect(await getTask(db, taskId)).toMatchObject({ status: 'completed' }); // the status row stays
  });

  it('cancels a pending task through the console', async () => {
    const { taskId } = await enqueue(db, 'system.noop', {}, { delayMs: 3_600_000 });
    expect(await admin.ops.queues.cancelTask({ taskId })).toMatchObject({ cancelled: true, audited: true });
    expect((await admin.ops.queues.tasks({ status: 'cancelled' })).map((t) => t.id)).toContain(taskId);
  });
});

describe('the officer’s PDF copy', () => {
  it('is requested, made with progress, and downloaded by its station’s officer only', async () => {
    const { fir, officer } = await makeRegisteredFir(db);
    const { caller, jar } = await signedIn(officer.email);
    const first = await caller.firCopy.request({ id: fir.id });
    expect(first.state).toBe('pending');
    const taskId = (first as { taskId: string }).taskId;
    // A second click while it is being made joins the same job.
    const second = await caller.firCopy.request({ id: fir.id });
    expect(second.state === 'ready' || (second as { taskId: string }).taskId === taskId).toBe(true);

    let state = first;
    expect(await eventually(async () => (state = await caller.firCopy.status({ firId: fir.id, taskId })).state === 'ready', 60_000, 50)).toBe(true);
    const ready = state as { state: 'ready'; url: string; documentId: string };
    expect(await caller.firCopy.request({ id: fir.id })).toMatchObject({ state: 'ready', documentId: ready.documentId });

    // Download over HTTP, with the officer's session cookie.
    const { server, app } = await createHttpServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const res = await fetch(base + ready.url, { headers: { cookie: `${SESSION_COOKIE}=${jar.get(SESSION_COOKIE)}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="FIR-.*\.pdf"/);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await fetch(base + ready.url)).status).toBe(401);

      const other = await makeRegisteredFir(db);
      const stranger = await signedIn(other.officer.email);
      const denied = await fetch(base + ready.url, { headers: { cookie: `${SESSION_COOKIE}=${stranger.jar.get(SESSION_COOKIE)}` } });
      expect(denied.status).toBe(404);
      await expect(stranger.caller.firCopy.status({ firId: fir.id, taskId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await fetch(`${base}/api/firs/${fir.id}/copies/nope.pdf`)).status).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('refuses a draft', async () => {
    const { officer } = await makeRegisteredFir(db);
    const { caller } = await signedIn(officer.email);
    const draft = await caller.fir.createDraft({ complainantName: 'Asha', narrative: 'My bicycle was stolen from outside the temple on Sunday.' });
    await expect(caller.firCopy.request({ id: draft.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
