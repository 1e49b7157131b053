// Replication properties on the real local stack: every committed write reaches every
// replica (21), and under the normal load of these writes replication lag stays below
// 2 s as the health monitor measures it (22).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { db, healthMonitor, readRouter } from '@/server/data';
import { rowsOf } from '@/server/data/routing/read-router';
import { topology } from '@/server/env';
import { makeStation } from '../helpers/fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until `replica` shows every station in `ids`; returns how many it shows. */
async function visibleOn(replica: string, ids: number[], timeoutMs: number): Promise<number> {
  const pool = readRouter.replicas.get(replica)!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await rowsOf<{ n: string }>(pool, `SELECT count(*)::text AS n FROM police_station WHERE id IN (${ids.map(Number).join(',')})`);
    const n = Number(rows[0]!.n);
    if (n === ids.length || Date.now() > deadline) return n;
    await sleep(50);
  }
}

describe.skipIf(topology.replicaUrls.length < 2)('replication', () => {
  // Property 21 (db-cache-infrastructure): Write Replication
  it('replicates every committed write to every replica', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (n) => {
        const ids: number[] = [];
        for (let i = 0; i < n; i++) ids.push((await makeStation(db)).id);
        for (const name of readRouter.replicas.keys()) expect(await visibleOn(name, ids, 10_000)).toBe(ids.length);
      }),
      { numRuns: 8 },
    );
  });

  // Property 22 (db-cache-infrastructure): Replication Lag Bounds — under normal load
  it('keeps replication lag under 2 s while writes flow', async () => {
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await makeStation(db);
        await sleep(50);
      }
    })();
    try {
      for (let i = 0; i < 5; i++) {
        const reports = await healthMonitor.checkNow();
        for (const r of reports.filter((x) => x.role === 'replica')) {
          expect(r.up).toBe(true);
          expect(r.lagSeconds).not.toBeNull();
          expect(r.lagSeconds!).toBeLessThan(2);
        }
        await sleep(300);
      }
    } finally {
      writing = false;
      await writer;
    }
  });
});
