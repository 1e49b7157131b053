// In the chaos project (run alone): marking a replica out changes the read set every
// instance and test worker shares through Redis.
// The Replicas console's procedures through createCaller with a real context: admins
// only; the overview lists every node, pool and an hour of lag; marking a replica out
// takes it out of routing (no read reaches it) on this instance and in Redis, is
// audit-logged, and marking it in puts it back; bad input is refused clearly.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redis } from '@/server/cache';
import { db, healthMonitor, readDb, topologyMode } from '@/server/data';
import { onStatement } from '@/server/data/statement-hooks';
import { topology } from '@/server/env';
import { runWithContext } from '@/server/lib/request-context';
import { makeStation, makeUser } from '../helpers/fixtures';
import { signedIn, type browser } from '../helpers/trpc-browser';

let admin: Awaited<ReturnType<typeof browser>>;
let officer: Awaited<ReturnType<typeof browser>>;
let adminId: string;

beforeAll(async () => {
  const a = await makeUser(db, { role: 'admin', stationId: null });
  const station = await makeStation(db);
  const o = await makeUser(db, { role: 'officer', stationId: station.id });
  adminId = a.id;
  admin = await signedIn(a.email);
  officer = await signedIn(o.email);
  await healthMonitor.checkNow();
});

afterAll(async () => {
  await admin?.ops.replicas.markIn({ name: 'replica2', reason: 'test cleanup' }).catch(() => {});
});

describe.skipIf(topology.replicaUrls.length < 2)('replicas console procedures', () => {
  it('keeps officers out', async () => {
    await expect(officer.ops.replicas.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.ops.replicas.markOut({ name: 'replica1', reason: 'nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives every node, pool, the settings and an hour of lag buckets', async () => {
    const o = await admin.ops.replicas.overview();
    expect(o.nodes.map((n) => n.name)).toEqual(['primary', 'replica1', 'replica2']);
    expect(o.nodes[0]).toMatchObject({ role: 'primary', up: true });
    expect(o.pools.map((p) => p.name)).toEqual(['write', 'critical', 'read:replica1', 'read:replica2']);
    for (const p of o.pools) expect(p.utilization).toBeGreaterThanOrEqual(0);
    expect(o.series).toHaveLength(360);
    expect(o.settings).toMatchObject({ lagOutSeconds: 5, lagBackSeconds: 2, topology: topologyMode });
    expect(o.failover).toMatchObject({ primary: 'primary', busy: false });
  });

  it('marks a replica out (no read reaches it, shared through Redis, audit-logged) and back in', async () => {
    const reason = `test ${randomUUID()}`;
    expect(await admin.ops.replicas.markOut({ name: 'replica2', reason })).toEqual({ audited: true });
    expect(await redis.sismember('afirgen:data:read-set:out', 'replica2')).toBe(1);
    const nodes: string[] = [];
    const off = onStatement((e) => /"police_station"/.test(e.text) && nodes.push(e.node));
    await runWithContext({ correlationId: randomUUID(), kind: 'http' }, async () => {
      for (let i = 0; i < 20; i++) await readDb.policeStation.findFirst({ select: { id: true } });
    });
    off();
    expect(nodes).toHaveLength(20);
    expect(nodes).not.toContain('replica2');
    const row = await db.auditLog.findFirst({ where: { actorUserId: adminId, action: 'replica.mark_out' }, orderBy: { at: 'desc' } });
    expect(row).toMatchObject({ target: 'replica:replica2', details: { reason } });
    expect((await admin.ops.replicas.overview()).nodes.find((n) => n.name === 'replica2')).toMatchObject({ markedOut: true, routable: false });

    expect(await admin.ops.replicas.markIn({ name: 'replica2', reason: 'back' })).toEqual({ audited: true });
    expect(await redis.sismember('afirgen:data:read-set:out', 'replica2')).toBe(0);
    expect((await admin.ops.replicas.overview()).nodes.find((n) => n.name === 'replica2')).toMatchObject({ markedOut: false, routable: true });
  });

  it('refuses an unknown node, a malformed name and a missing reason', async () => {
    await expect(admin.ops.replicas.markOut({ name: 'replica9', reason: 'no such' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.ops.replicas.markOut({ name: 'primary', reason: 'not a replica now' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.ops.replicas.markOut({ name: 'replicaX', reason: 'malformed' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.ops.replicas.markOut({ name: 'replica1', reason: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
