// Managed failover on the real local stack: the primary's postmaster is killed with
// SIGKILL under a steady write load, again and again (each time the killed node is
// rewound back as a replica by itself); writes resume on the new primary, and not one
// acknowledged write is missing on the final primary. Ends with a planned switchover
// back to the node named "primary", so later tests find the stack as they expect.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, failover, readRouter } from '@/server/data';
import { topology } from '@/server/env';
import { killPrimary, lostWrites, prepareDrill, restoreStack, settled, until, writeLoad, type DrillFigures } from '../helpers/failover-drill';
import { makeUser } from '../helpers/fixtures';
import { startFollower } from '../helpers/follower-process';
import { signedIn } from '../helpers/trpc-browser';

const FAILOVERS = 10;

describe.skipIf(!topology.local || topology.replicaUrls.length < 2)('managed failover (local stack)', () => {
  beforeAll(async () => {
    await prepareDrill();
  });
  afterAll(async () => {
    await restoreStack();
    expect(readRouter.primaryName).toBe('primary');
  }, 300_000);

  // Property 5 (db-cache-infrastructure): Automatic Failover Timing — writes accepted again
  // well inside the design's 30 s (the target: 5 s with the health interval at 1 s).
  // Property 25 (db-cache-infrastructure): Automatic Replica Resync — each killed primary
  // comes back as a streaming replica without anyone running a command.
  // Property 6 (db-cache-infrastructure): Replica Redundancy — before every kill, two replicas stream.
  it(`${FAILOVERS} consecutive kill -9 failovers under write load lose no acknowledged write`, async () => {
    const load = writeLoad(4);
    const figures: DrillFigures[] = [];
    try {
      for (let i = 0; i < FAILOVERS; i++) {
        const f = await killPrimary(load);
        expect(f.to).not.toBe(f.from);
        figures.push(f);
        // The killed node is being brought back as a replica, by the controller itself.
        expect(await until(() => failover.rejoining?.name === f.from, 10_000, 20)).toBe(true);
      }
    } finally {
      await load.stop();
    }
    const lost = await lostWrites(load);
    console.log(
      `failover: ${FAILOVERS} failovers, ${load.acked.length} acknowledged writes, ${lost} lost, ${load.failed()} failed (not acknowledged); ` +
        `writes back on the new primary after (ms): ${figures.map((f) => f.unavailableMs).join(', ')}`,
    );
    expect(lost).toBe(0);
    expect(load.acked.length).toBeGreaterThan(FAILOVERS * 10);
    expect(figures).toHaveLength(FAILOVERS);
    expect(Math.max(...figures.map((f) => f.unavailableMs))).toBeLessThan(5000);
  }, 600_000);

  it('a planned switchover from the console promotes the chosen replica, is audit-logged and shows in the history', async () => {
    const a = await makeUser(db, { role: 'admin', stationId: null });
    const admin = await signedIn(a.email);
    expect(await until(settled, 120_000, 200)).toBe(true);
    const from = readRouter.primaryName;
    const target = [...readRouter.replicas.keys()].sort()[0]!;
    const epoch = readRouter.epoch;
    const reason = `drill ${randomUUID()}`;
    // Another app instance, following the published topology only (it decides nothing).
    const other = await startFollower();
    try {
      expect(await other.ask(true)).toMatchObject({ primary: from, epoch, recovery: false });
      const res = await admin.ops.replicas.switchover({ name: target, reason });
      expect(res.audited).toBe(true);
      expect(res.event).toMatchObject({ kind: 'switchover', from, to: target, ok: true });
      expect(readRouter).toMatchObject({ primaryName: target });
      expect(readRouter.epoch).toBeGreaterThan(epoch);
      // Writes go to the new primary.
      const rows = await db.$queryRawUnsafe<{ port: number; r: boolean }[]>('SELECT inet_server_port() AS port, pg_is_in_recovery() AS r');
      expect(rows[0]).toMatchObject({ port: Number(new URL(readRouter.nodeUrls.get(target)!).port), r: false });
      const o = await admin.ops.replicas.overview();
      expect(o.failover).toMatchObject({ primary: target, epoch: readRouter.epoch });
      expect(o.failover.history[0]).toMatchObject({ kind: 'switchover', to: target });
      expect(o.nodes.find((n) => n.name === target)).toMatchObject({ isPrimary: true });
      const audit = await db.auditLog.findFirst({ where: { actorUserId: a.id, action: 'replica.switchover' } });
      expect(audit).toMatchObject({ target: `replica:${target}`, details: { reason, from } });
      // The other instance followed over pub/sub (before any write of its own could have
      // told it), and its writes reach the new primary.
      expect(await until(async () => (await other.ask()).primary === target, 5_000, 50)).toBe(true);
      expect(await other.ask(true)).toMatchObject({ primary: target, epoch: readRouter.epoch, port: Number(new URL(readRouter.nodeUrls.get(target)!).port), recovery: false });
    } finally {
      await other.close();
    }
    // The old primary comes back as a replica by itself.
    expect(await until(settled, 120_000, 200)).toBe(true);
  }, 300_000);
});
