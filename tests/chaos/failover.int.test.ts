// Managed failover on the real local stack: the primary's postmaster is killed with
// SIGKILL under a steady write load, again and again (each time the killed node is
// rewound back as a replica); writes resume on the new primary, and not one
// acknowledged write is missing on the final primary. Ends with a planned switchover
// back to the node named "primary", so later tests find the stack as they expect.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, failover, healthMonitor, readRouter, startFailover } from '@/server/data';
import { localStackHooks } from '@/server/data/local-failover';
import { status, stopNode, up, type NodeName } from '@/server/data/local-stack';
import { topology } from '@/server/env';

const quiet = { log: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FAILOVERS = Number(process.env.CHAOS_FAILOVERS ?? 10);
const TABLE = 'chaos_failover_write';

async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** Every PostgreSQL node running, one primary (the one the app follows), every other one streaming. */
async function stackHealthy(): Promise<boolean> {
  const rows = (await status()).filter((n) => n.name !== 'redis');
  const primaries = rows.filter((n) => n.role === 'primary' && n.state === 'running');
  return primaries.length === 1 && primaries[0]!.name === readRouter.primaryName && rows.every((n) => n.state === 'running') && rows.filter((n) => n.role === 'replica').every((n) => n.replication?.state === 'streaming');
}

/** `workers` loops of single-row inserts; remembers each acknowledged id with its times. */
function writeLoad(workers: number) {
  let stop = false;
  const acked: { id: string; startedAt: number; ackedAt: number }[] = [];
  let failed = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (!stop) {
      const id = randomUUID();
      const startedAt = Date.now();
      try {
        await db.$executeRawUnsafe(`INSERT INTO ${TABLE} (id) VALUES ($1::uuid)`, id);
        acked.push({ id, startedAt, ackedAt: Date.now() });
      } catch {
        failed++; // not acknowledged: it may or may not be there, and is not counted
        await sleep(20);
      }
    }
  });
  return {
    acked,
    failed: () => failed,
    async stop() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

describe.skipIf(!topology.local || topology.replicaUrls.length < 2)('managed failover (local stack)', () => {
  beforeAll(async () => {
    expect(await until(stackHealthy, 60_000, 500)).toBe(true);
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS ${TABLE} (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    failover.hooks = localStackHooks;
    failover.options = { ...failover.options, failuresToFail: 3, autoRejoin: true };
    healthMonitor.start(1000);
    await startFailover();
    await healthMonitor.checkNow();
  });

  afterAll(async () => {
    // Whatever happened: all nodes up, and the node named "primary" the primary again.
    try {
      await until(() => !failover.busy && (failover.rejoining?.finishedAt ?? 0) !== null, 120_000, 500);
      await up(quiet);
      await until(stackHealthy, 60_000, 500);
      if (readRouter.primaryName !== 'primary') await failover.switchover('primary', 'chaos test: back to the usual roles');
      await up(quiet);
      await until(stackHealthy, 60_000, 500);
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${TABLE}`);
    } finally {
      failover.stop();
      healthMonitor.stop();
    }
  }, 300_000);

  it(`${FAILOVERS} consecutive kill -9 failovers under write load lose no acknowledged write`, async () => {
    const load = writeLoad(4);
    const windows: number[] = [];
    try {
      for (let i = 0; i < FAILOVERS; i++) {
        expect(await until(async () => !failover.busy && (failover.rejoining === null || failover.rejoining.finishedAt !== null) && (await stackHealthy()), 90_000, 200)).toBe(true);
        expect(await until(() => load.acked.length > 0 && Date.now() - load.acked[load.acked.length - 1]!.ackedAt < 500, 30_000)).toBe(true);
        const old = readRouter.primaryName;
        const killedAt = Date.now();
        expect(await stopNode(old as NodeName, { mode: 'kill9', ...quiet })).toBe(true);
        // Writes succeed again, on another node.
        expect(await until(() => readRouter.primaryName !== old, 30_000, 20)).toBe(true);
        expect(await until(() => load.acked.some((a) => a.startedAt > killedAt), 30_000, 20)).toBe(true);
        const resumed = Math.min(...load.acked.filter((a) => a.startedAt > killedAt).map((a) => a.ackedAt));
        windows.push(resumed - killedAt);
        expect(failover.rejoining?.name).toBe(old);
      }
    } finally {
      await load.stop();
    }
    // Every acknowledged write is on the final primary.
    const c = new pg.Client({ connectionString: readRouter.nodeUrls.get(readRouter.primaryName)! });
    await c.connect();
    try {
      const ids = load.acked.map((a) => a.id);
      const { rows } = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${TABLE} WHERE id = ANY($1::uuid[])`, [ids]);
      console.log(`failover: ${FAILOVERS} failovers, ${ids.length} acknowledged writes, ${load.failed()} failed (unacknowledged); write-unavailability windows (ms): ${windows.join(', ')}`);
      expect(Number(rows[0]!.n)).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(FAILOVERS * 10);
    } finally {
      await c.end();
    }
    expect(windows.length).toBe(FAILOVERS);
    // The design's target with the health interval at 1 s.
    expect(Math.max(...windows)).toBeLessThan(5000);
  }, 600_000);
});
