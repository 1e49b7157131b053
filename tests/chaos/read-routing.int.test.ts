// Read routing under faults, on the real local stack: a replica killed with SIGKILL
// under read load fails no read (reads move to the other replica or the primary), and
// a replica whose replay is paused leaves the read set once its lag passes the limit,
// while a caller that just wrote still reads its own write. Local stack only.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, healthMonitor, readDb } from '@/server/data';
import { startNode, stopNode, up } from '@/server/data/local-stack';
import { onNode } from '@/server/data/node-health';
import { onStatement } from '@/server/data/statement-hooks';
import { topology } from '@/server/env';
import { runWithContext } from '@/server/lib/request-context';
import { breakerRegistry } from '@/server/resilience/policies';
import { makeStation } from '../helpers/fixtures';

const quiet = { log: () => {} };
const inRequest = <T>(fn: () => Promise<T>) => runWithContext({ correlationId: randomUUID(), kind: 'http' }, fn);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const onReplica1 = <T>(fn: (c: pg.Client) => Promise<T>) => onNode(topology.replicaUrls[0]!, fn);

async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(200);
  }
  return false;
}

/** Reads in `workers` loops until stopped; counts successes, failures and the nodes used. */
function readLoad(workers: number) {
  let stop = false;
  const stats = { ok: 0, failed: [] as unknown[], nodes: new Map<string, number>() };
  const off = onStatement((e) => {
    if (/"police_station"/.test(e.text)) stats.nodes.set(e.node, (stats.nodes.get(e.node) ?? 0) + 1);
  });
  const loops = Array.from({ length: workers }, async () => {
    while (!stop) {
      try {
        await inRequest(() => readDb.policeStation.findFirst({ select: { id: true } }));
        stats.ok++;
      } catch (err) {
        stats.failed.push(err);
      }
    }
  });
  return {
    stats,
    async stop() {
      stop = true;
      await Promise.all(loops);
      off();
    },
  };
}

describe.skipIf(!topology.local || topology.replicaUrls.length < 2)('read routing under faults (local stack)', () => {
  beforeAll(async () => {
    healthMonitor.start(1000);
    await healthMonitor.checkNow();
  });
  afterAll(async () => {
    healthMonitor.stop();
    await onReplica1((c) => c.query('SELECT pg_wal_replay_resume()')).catch(() => {});
    await up(quiet);
    breakerRegistry.reset('db:replica1', 'chaos test cleanup');
  });

  it('a replica killed under read load fails no read', async () => {
    // The default 10 s interval: the read path itself must notice the dead replica.
    healthMonitor.start(10_000);
    await healthMonitor.checkNow();
    const load = readLoad(6);
    let killed = false;
    try {
      await until(() => load.stats.ok >= 50, 30_000);
      killed = await stopNode('replica1', { mode: 'kill9', ...quiet });
      expect(killed).toBe(true);
      const okAtKill = load.stats.ok;
      // Keep reading while the router learns the replica is gone: the first read that
      // finds it unreachable takes it out of the read set, without waiting for a health check.
      await until(() => load.stats.ok >= okAtKill + 300, 60_000);
      await load.stop();
      expect(load.stats.failed).toEqual([]);
      expect(load.stats.ok).toBeGreaterThanOrEqual(okAtKill + 300);
      expect(healthMonitor.latest().find((r) => r.name === 'replica1')).toMatchObject({ up: false, inReadSet: false });
    } finally {
      await load.stop();
      // Whatever failed above, the later tests need replica1 back.
      if (killed) await startNode('replica1', quiet);
      breakerRegistry.reset('db:replica1', 'replica1 restarted');
    }
    expect(await until(async () => (await healthMonitor.checkNow()).find((r) => r.name === 'replica1')?.inReadSet === true, 60_000)).toBe(true);
  });

  it('a replica with replay paused leaves the read set, and a caller who just wrote still reads its write', async () => {
    healthMonitor.start(1000); // lag in seconds is measured per check
    await onReplica1((c) => c.query('SELECT pg_wal_replay_pause()'));
    try {
      // Right away, before the lag shows: a caller's own write is never read from the paused replica.
      for (let i = 0; i < 10; i++) {
        await inRequest(async () => {
          const s = await makeStation(db);
          const nodes: string[] = [];
          const off = onStatement((e) => /"police_station"/.test(e.text) && nodes.push(e.node));
          const got = await readDb.policeStation.findUnique({ where: { id: s.id } }).finally(off);
          expect(got?.code).toBe(s.code);
          expect(nodes).not.toContain('replica1');
        });
      }
      // Writes keep coming; the replica falls behind and, past 5 s, leaves the read set.
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await makeStation(db);
          await sleep(100);
        }
      })();
      const left = await until(() => healthMonitor.latest().find((r) => r.name === 'replica1')?.inReadSet === false, 30_000);
      const report = healthMonitor.latest().find((r) => r.name === 'replica1')!;
      expect(left).toBe(true);
      expect(report.replayPaused).toBe(true);
      expect(report.lagSeconds!).toBeGreaterThan(5);

      // Now no read at all goes to it.
      const load = readLoad(3);
      await until(() => load.stats.ok >= 100, 30_000);
      await load.stop();
      writing = false;
      await writer;
      expect(load.stats.failed).toEqual([]);
      expect(load.stats.nodes.get('replica1') ?? 0).toBe(0);
    } finally {
      await onReplica1((c) => c.query('SELECT pg_wal_replay_resume()'));
    }
    // Resumed, it catches up and returns (under 2 s of lag).
    expect(await until(() => healthMonitor.latest().find((r) => r.name === 'replica1')?.inReadSet === true, 30_000)).toBe(true);
  });
});
