// `npm run bench -- jobs [--rounds R]`: background jobs through one worker process
// (its default WORKER_CONCURRENCY), on the configured database and Redis, in a queue
// prefix of its own:
//  1. enqueue latency: enqueue() (zod check, background_task row, BullMQ add) against
//     a bare BullMQ queue.add of the same payload, p50/p99, interleaved per round;
//  2. throughput: N jobs queued while the queue is paused, then resumed; jobs/s until
//     the last is completed in background_task, for a no-op job and for the FIR PDF
//     job (render + store). The PDF job's FIRs lose their stored copies first (derived
//     data: any copy is made again on request), so every job renders.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';

const prefix = `bench-${Date.now().toString(36)}`;
process.env.JOBS_PREFIX = prefix;

const { db } = await import('../../server/data');
const { enqueue, queueOf, closeQueues, jobsConfig, QUEUES } = await import('../../server/jobs');
const { workerConnection } = await import('../../server/jobs/queues');
const { startWorker } = await import('../../tests/helpers/worker-process');
import type { BenchOptions } from '../bench';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);
const fmt = (n: number, d = 2) => n.toFixed(d);
const made: string[] = []; // every task row the bench makes, deleted at the end

async function waitCompleted(ids: string[]): Promise<void> {
  for (;;) {
    const n = await db.backgroundTask.count({ where: { id: { in: ids }, status: { in: ['completed', 'failed'] } } });
    if (n === ids.length) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function throughput(name: 'system.noop' | 'fir.pdf', inputs: Record<string, unknown>[]): Promise<number> {
  const q = queueOf(name === 'fir.pdf' ? 'documents' : 'system');
  await q.pause();
  const ids: string[] = [];
  for (const input of inputs) ids.push((await enqueue(db, name, input as never)).taskId);
  made.push(...ids);
  const t0 = performance.now();
  await q.resume();
  await waitCompleted(ids);
  const failed = await db.backgroundTask.count({ where: { id: { in: ids }, status: 'failed' } });
  if (failed) throw new Error(`${failed} ${name} jobs failed`);
  return ids.length / ((performance.now() - t0) / 1000);
}

export async function run(o: BenchOptions): Promise<void> {
  const firs = await db.fir.findMany({ where: { status: { not: 'draft' } }, select: { id: true }, take: 60, orderBy: { createdAt: 'desc' } });
  if (firs.length < 10) throw new Error('the database has fewer than 10 registered FIRs: run `npm run db -- seed` first');
  console.log(`worker: 1 process, concurrency ${jobsConfig.concurrency}; ${o.rounds} rounds; queue prefix ${prefix}`);
  const worker = await startWorker({ JOBS_PREFIX: prefix, LOG_LEVEL: 'error' });
  const bare = new Queue('bench-bare', { connection: workerConnection() as never, prefix });
  const res = { enqueue: [] as number[], bare: [] as number[], noop: [] as number[], pdf: [] as number[] };
  try {
    // Warm-up: connections, prepared statements, the PDF fonts.
    await throughput('system.noop', Array.from({ length: 20 }, () => ({})));
    await db.firDocument.deleteMany({ where: { firId: firs[0]!.id } });
    await throughput('fir.pdf', [{ firId: firs[0]!.id }]);

    for (let r = 0; r < o.rounds; r++) {
      for (let i = 0; i < 200; i++) {
        let t = performance.now();
        await bare.add('system.noop', { tag: randomUUID() });
        res.bare.push(performance.now() - t);
        t = performance.now();
        const { taskId } = await enqueue(db, 'system.noop', { tag: randomUUID() }, { delayMs: 3_600_000 }); // not run: latency only
        res.enqueue.push(performance.now() - t);
        made.push(taskId);
      }
      res.noop.push(await throughput('system.noop', Array.from({ length: 500 }, (_, i) => ({ tag: `r${r}-${i}` }))));
      await db.firDocument.deleteMany({ where: { firId: { in: firs.map((f) => f.id) } } });
      res.pdf.push(await throughput('fir.pdf', firs.map((f) => ({ firId: f.id }))));
      console.log(`round ${r + 1}: no-op ${fmt(res.noop.at(-1)!, 0)} jobs/s, PDF ${fmt(res.pdf.at(-1)!, 1)} jobs/s`);
    }
  } finally {
    await worker.stop();
    await bare.obliterate({ force: true }).catch(() => {});
    await bare.close();
    for (const q of QUEUES) await queueOf(q).obliterate({ force: true }).catch(() => {});
    await db.backgroundTask.deleteMany({ where: { id: { in: made } } }).catch(() => {});
    await closeQueues();
    await db.$disconnect();
  }
  console.log('');
  console.log('| measure | median of rounds |');
  console.log('| --- | --- |');
  console.log(`| no-op job throughput | ${fmt(median(res.noop), 0)} jobs/s |`);
  console.log(`| FIR PDF job throughput (render + store, ${firs.length} FIRs) | ${fmt(median(res.pdf), 1)} jobs/s |`);
  console.log(`| enqueue() latency p50 / p99 (${res.enqueue.length} calls) | ${fmt(pct(res.enqueue, 50))} / ${fmt(pct(res.enqueue, 99))} ms |`);
  console.log(`| bare BullMQ add p50 / p99 (baseline) | ${fmt(pct(res.bare, 50))} / ${fmt(pct(res.bare, 99))} ms |`);
  console.log(`| no-op / PDF throughput ratio | ${fmt(median(res.noop) / median(res.pdf), 1)}× |`);
}
