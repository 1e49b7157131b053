// Synchronous commit with every replica gone (DB_SYNC_COMMIT=degrade, the default):
// without the guard every commit would wait forever; with it, the health monitor
// clears synchronous_standby_names, the waiting write completes, and when a replica
// streams again the setting is restored. Local stack only (kills both replicas).
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { db, healthMonitor, readRouter } from '@/server/data';
import { startNode, stopNode, up } from '@/server/data/local-stack';
import { topology } from '@/server/env';
import { makeStation } from '../helpers/fixtures';

const quiet = { log: () => {} };

async function syncNames(): Promise<string> {
  const c = new pg.Client({ connectionString: topology.primaryUrl });
  await c.connect();
  try {
    return (await c.query<{ s: string }>(`SELECT current_setting('synchronous_standby_names') AS s`)).rows[0]!.s;
  } finally {
    await c.end();
  }
}

async function streaming(): Promise<number> {
  const c = new pg.Client({ connectionString: topology.primaryUrl });
  await c.connect();
  try {
    return (await c.query(`SELECT 1 FROM pg_stat_replication`)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe.skipIf(!topology.local || topology.replicaUrls.length === 0)('synchronous commit without replicas (local stack)', () => {
  afterAll(async () => {
    healthMonitor.stop();
    await up(quiet); // also puts synchronous_standby_names back if anything failed
  });

  it('degrades to asynchronous so a write completes, then restores synchronous commit when a replica returns', async () => {
    const before = await syncNames();
    expect(before).not.toBe('');
    healthMonitor.start(1000);
    for (const name of readRouter.replicas.keys()) await stopNode(name as `replica${number}`, { mode: 'kill9', ...quiet });
    // A killed replica's receiver can outlive its postmaster for a moment and still
    // acknowledge; wait until the primary has had no walsender for a full second.
    let emptySince: number | null = null;
    expect(
      await until(async () => {
        if ((await streaming()) > 0) emptySince = null;
        else emptySince ??= Date.now();
        return emptySince !== null && Date.now() - emptySince >= 1000;
      }, 30_000),
    ).toBe(true);

    // This commit has no replica to wait for: it completes only because the guard degrades.
    const started = Date.now();
    const station = await makeStation(db, 'SyncDegrade');
    expect(station.id).toBeGreaterThan(0);
    expect(readRouter.syncCommit.state).toBe('degraded');
    expect(await syncNames()).toBe('');
    expect(Date.now() - started).toBeLessThan(60_000);

    for (const name of readRouter.replicas.keys()) await startNode(name as `replica${number}`, quiet);
    expect(await until(() => readRouter.syncCommit.state === 'sync', 60_000)).toBe(true);
    expect(await syncNames()).toBe(before);
  });
});
