// A replica that replayed WAL the new primary never had (it diverged at a promotion) can
// never follow the new timeline by itself; `up` finds it, rewinds it onto the primary's
// timeline and it streams again. Made on purpose here, without the app's failover: with
// replica2 stopped, a commit reaches replica1 only; then the primary stops, replica2
// (which never saw that commit) is promoted and replica1 re-pointed at it. Ends with the
// node named "primary" the primary again. Local stack only.
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { topology } from '@/server/env';
import { onNode } from '@/server/data/node-health';
import { conninfoFor, promote, repointReplica } from '@/server/data/failover/promote';
import { recordFailover, startNode, status, stopNode, up, type NodeName } from '@/server/data/local-stack';
import { currentTimeline, streamsTimeline } from '@/server/data/local-stack/pg-admin';
import { eventually } from '../helpers/test-db';

const TABLE = 'chaos_diverged_write';
const urlOf = (name: string) => topology.nodes.find((n) => n.name === name)!.url;
const portOf = (name: string) => Number(new URL(urlOf(name)).port);
const quiet = { log: () => {} };

const sql = async <T extends pg.QueryResultRow>(name: string, text: string, params: unknown[] = []): Promise<T[]> =>
  onNode(urlOf(name), async (c) => (await c.query<T>(text, params)).rows);

const until = (probe: () => Promise<boolean>, timeoutMs: number) => eventually(probe, timeoutMs, 200);

/** All running, the node named "primary" the primary, every other one streaming. */
const healthy = async () => {
  const rows = (await status()).filter((n) => n.name !== 'redis');
  const others = rows.filter((n) => n.name !== 'primary');
  return rows.every((n) => n.state === 'running') && rows.find((n) => n.name === 'primary')?.role === 'primary' && others.every((n) => n.role === 'replica' && n.replication?.state === 'streaming');
};

async function replayed(name: string, lsn: string): Promise<boolean> {
  return until(async () => (await sql<{ ok: boolean }>(name, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]))[0]!.ok, 10_000);
}

const currentLsn = async () => (await sql<{ lsn: string }>('primary', 'SELECT pg_current_wal_lsn()::text AS lsn'))[0]!.lsn;

/** What the app's failover does, with its own steps: promote `to` (asynchronous until `up` sets the set), fence `from`, re-point the rest. */
async function promoteByHand(to: NodeName, from: NodeName, epoch: number, repoint: NodeName[]): Promise<void> {
  await promote(urlOf(to), topology.nodes.map((n) => n.name).filter((n) => n !== to), '');
  await recordFailover(to, epoch, from, quiet);
  for (const r of repoint) await repointReplica(urlOf(r), conninfoFor(urlOf(to), r));
}

/** Whatever happened: all nodes up, the node named "primary" the primary again (a clean stop sends the other's WAL to both first). */
async function backToUsualRoles(epoch: number): Promise<void> {
  await up(quiet);
  const now = (await status()).find((n) => n.role === 'primary' && n.name !== 'redis')?.name as NodeName | undefined;
  if (now && now !== 'primary') {
    await stopNode(now, { mode: 'fast', ...quiet });
    await promoteByHand('primary', now, epoch, (['replica1', 'replica2'] as const).filter((n) => n !== now));
    await up(quiet);
  }
}

describe.skipIf(!topology.local || topology.nodes.length !== 3)('a diverged replica (local stack)', () => {
  afterAll(async () => {
    await backToUsualRoles(topology.epoch + 4);
  }, 300_000);

  it('is rewound onto the new primary\'s timeline by up, and the stack ends as it began', async () => {
    const epoch = topology.epoch;
    await backToUsualRoles(epoch + 1); // whatever an earlier test left
    expect(await until(healthy, 60_000)).toBe(true);
    await sql('primary', `CREATE TABLE IF NOT EXISTS ${TABLE} (id int PRIMARY KEY)`);
    await sql('primary', `TRUNCATE ${TABLE}`);
    const empty = await currentLsn();
    expect(await replayed('replica1', empty)).toBe(true);
    expect(await replayed('replica2', empty)).toBe(true);

    // A commit only replica1 has (synchronous commit waits for ANY 1 of the two).
    await stopNode('replica2', { mode: 'fast', ...quiet });
    await sql('primary', `INSERT INTO ${TABLE} VALUES (1)`);
    expect(await replayed('replica1', await currentLsn())).toBe(true);
    await stopNode('primary', { mode: 'immediate', ...quiet });

    // replica2 comes back without it and is promoted; replica1 is told to follow it.
    await startNode('replica2', quiet);
    await promoteByHand('replica2', 'primary', epoch + 2, ['replica1']);
    const tli = await currentTimeline(portOf('replica2'));
    // The premise: replica1 cannot follow (it would, had it not replayed past the fork).
    expect(await until(() => streamsTimeline(portOf('replica1'), tli), 5_000)).toBe(false);

    const lines: string[] = [];
    await up({ log: (l) => lines.push(l) });
    expect(lines.some((l) => l.startsWith('replica1:') && l.includes('rewinding it'))).toBe(true);
    expect(await streamsTimeline(portOf('replica1'), tli)).toBe(true);
    expect(await streamsTimeline(portOf('primary'), tli)).toBe(true); // the fenced old primary, rewound too
    // replica1 now holds exactly what the new primary has: the commit only it had is gone.
    expect(await sql('replica1', `SELECT id FROM ${TABLE}`)).toEqual([]);

    await backToUsualRoles(epoch + 3);
    expect(await until(healthy, 60_000)).toBe(true);
    const back = await currentTimeline(portOf('primary'));
    expect(await streamsTimeline(portOf('replica1'), back)).toBe(true);
    expect(await streamsTimeline(portOf('replica2'), back)).toBe(true);
    await sql('primary', `DROP TABLE ${TABLE}`);
  }, 300_000);
});
