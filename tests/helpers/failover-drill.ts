// A failover drill on the real local stack, shared by tests/chaos/failover.int.test.ts
// and `npm run bench -- failover`: a steady single-row insert load through the app's
// write pool, SIGKILL of the primary's postmaster, and the figures — detection,
// promotion, how long until a write is acknowledged by the new primary, and how many
// acknowledged writes the final primary lacks.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { db, failover, healthMonitor, readRouter, startFailover } from '../../server/data';
import { localStackHooks } from '../../server/data/local-failover';
import { status, stopNode, up, type NodeName } from '../../server/data/local-stack';

const TABLE = 'chaos_failover_write';
const quiet = { log: () => {} };
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** Every PostgreSQL node running, one primary (the one the app follows), every other one streaming. */
export async function stackHealthy(): Promise<boolean> {
  const rows = (await status()).filter((n) => n.name !== 'redis');
  const primaries = rows.filter((n) => n.role === 'primary' && n.state === 'running');
  return (
    primaries.length === 1 &&
    primaries[0]!.name === readRouter.primaryName &&
    rows.every((n) => n.state === 'running') &&
    rows.filter((n) => n.role === 'replica').every((n) => n.replication?.state === 'streaming')
  );
}

/** Ready for the next kill: no failover or rejoin running, all nodes up and streaming. */
export const settled = async () => !failover.busy && (failover.rejoining === null || failover.rejoining.finishedAt !== null) && (await stackHealthy());

export type Ack = { id: string; startedAt: number; ackedAt: number; port: number };

/** `workers` loops of single-row inserts; each acknowledged one is remembered with the port of the node that took it. */
export function writeLoad(workers: number) {
  let stop = false;
  const acked: Ack[] = [];
  let failed = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (!stop) {
      const id = randomUUID();
      const startedAt = Date.now();
      try {
        const rows = await db.$queryRawUnsafe<{ port: number }[]>(`INSERT INTO ${TABLE} (id) VALUES ($1::uuid) RETURNING inet_server_port() AS port`, id);
        acked.push({ id, startedAt, ackedAt: Date.now(), port: Number(rows[0]!.port) });
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
export type WriteLoad = ReturnType<typeof writeLoad>;

export async function prepareDrill(): Promise<void> {
  if (!(await until(stackHealthy, 60_000, 500))) throw new Error('the local stack is not healthy (npm run stack -- up)');
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS ${TABLE} (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  failover.hooks = localStackHooks;
  failover.options = { ...failover.options, autoRejoin: true };
  healthMonitor.start(1000);
  await startFailover();
  await healthMonitor.checkNow();
}

export type DrillFigures = { from: string; to: string; detectionMs: number; promotionMs: number; unavailableMs: number };

const portOf = (name: string) => Number(new URL(readRouter.nodeUrls.get(name)!).port);

/** Kills the primary once the stack is settled and the load is flowing; resolves when the new primary has acknowledged a write. */
export async function killPrimary(load: WriteLoad): Promise<DrillFigures> {
  if (!(await until(settled, 90_000, 200))) throw new Error('the stack did not settle before the kill');
  if (!(await until(() => load.acked.length > 0 && Date.now() - load.acked[load.acked.length - 1]!.ackedAt < 500, 30_000))) throw new Error('no writes are being acknowledged');
  const from = readRouter.primaryName;
  const killedAt = Date.now();
  if (!(await stopNode(from as NodeName, { mode: 'kill9', ...quiet }))) throw new Error(`${from} was not running`);
  if (!(await until(() => readRouter.primaryName !== from, 30_000, 20))) throw new Error(`no failover within 30 s of killing ${from}`);
  const to = readRouter.primaryName;
  const onNew = (a: Ack) => a.port === portOf(to) && a.ackedAt > killedAt;
  if (!(await until(() => load.acked.some(onNew), 30_000, 20))) throw new Error(`no write acknowledged by ${to} within 30 s`);
  const event = (await failover.history())[0]!;
  return {
    from,
    to,
    detectionMs: (event.detectedAt ?? killedAt) - killedAt,
    promotionMs: (event.promotedAt ?? 0) - (event.detectedAt ?? killedAt),
    unavailableMs: Math.min(...load.acked.filter(onNew).map((a) => a.ackedAt)) - killedAt,
  };
}

/** Acknowledged writes missing on the final primary (should be none). */
export async function lostWrites(load: WriteLoad): Promise<number> {
  const c = new pg.Client({ connectionString: readRouter.nodeUrls.get(readRouter.primaryName)! });
  await c.connect();
  try {
    const ids = load.acked.map((a) => a.id);
    const { rows } = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${TABLE} WHERE id = ANY($1::uuid[])`, [ids]);
    return ids.length - Number(rows[0]!.n);
  } finally {
    await c.end();
  }
}

/** Whatever happened: all nodes up, the node named "primary" the primary again, the drill's table gone. */
export async function restoreStack(): Promise<void> {
  try {
    await until(() => !failover.busy && (failover.rejoining === null || failover.rejoining.finishedAt !== null), 120_000, 500);
    await up(quiet);
    await until(stackHealthy, 60_000, 500);
    if (readRouter.primaryName !== 'primary') await failover.switchover('primary', 'failover drill: back to the usual roles');
    await until(() => failover.rejoining === null || failover.rejoining.finishedAt !== null, 120_000, 500);
    await up(quiet);
    await until(stackHealthy, 60_000, 500);
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${TABLE}`);
  } finally {
    failover.stop();
    healthMonitor.stop();
  }
}
