// The ops console's procedures through createCaller with a real context: admins only;
// breakers are listed, isolated and reset with an audit row each; the limits overview
// reports the policy and an hour of 10 s buckets; overrides round-trip through Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redis } from '@/server/cache';
import { db } from '@/server/data';
import { breakerRegistry } from '@/server/resilience/policies';
import { envPolicy } from '@/server/resilience/rate-limit';
import { makeStation, makeUser, uid } from '../helpers/fixtures';
import { signedIn } from '../helpers/trpc-browser';


let officer: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let adminId: string;
const breakerName = `test:ops-${uid()}`;

beforeAll(async () => {
  const station = await makeStation(db);
  officer = await signedIn((await makeUser(db, { role: 'officer', stationId: station.id })).email);
  const a = await makeUser(db, { role: 'admin', stationId: null });
  adminId = a.id;
  admin = await signedIn(a.email);
  breakerRegistry.breaker(breakerName);
});

afterAll(async () => {
  breakerRegistry.remove(breakerName);
  await db.$disconnect();
});

describe('ops router', () => {
  it('refuses an officer every ops procedure', async () => {
    await expect(officer.ops.breakers.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.ops.breakers.isolate({ name: breakerName, reason: 'not mine to do' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.ops.limits.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.ops.limits.overrides.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.ops.limits.overrides.set({ identity: `user:${randomUUID()}`, perKey: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(breakerRegistry.snapshot(breakerName).state).toBe('closed');
  });

  it('lists breakers, isolates one and resets it, writing an audit row each time', async () => {
    const listed = await admin.ops.breakers.list();
    const mine = listed.find((b) => b.name === breakerName);
    expect(mine).toMatchObject({ state: 'closed', consecutiveFailures: 0, counts: { failures: 0 } });

    const isolated = await admin.ops.breakers.isolate({ name: breakerName, reason: 'drill: isolate' });
    expect(isolated).toMatchObject({ audited: true, breaker: { name: breakerName, state: 'isolated' } });
    expect(breakerRegistry.snapshot(breakerName).state).toBe('isolated');
    expect(isolated.breaker.transitions.at(-1)).toMatchObject({ from: 'closed', to: 'isolated', reason: 'drill: isolate' });

    const reset = await admin.ops.breakers.reset({ name: breakerName, reason: 'drill: reset' });
    expect(reset).toMatchObject({ audited: true, breaker: { state: 'closed' } });
    expect(breakerRegistry.snapshot(breakerName).state).toBe('closed');

    const rows = await db.auditLog.findMany({ where: { target: `breaker:${breakerName}` }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => ({ actorUserId: r.actorUserId, action: r.action, details: r.details }))).toEqual([
      { actorUserId: adminId, action: 'breaker.isolate', details: { reason: 'drill: isolate', before: 'closed', after: 'isolated' } },
      { actorUserId: adminId, action: 'breaker.reset', details: { reason: 'drill: reset', before: 'isolated', after: 'closed' } },
    ]);
  });

  it('refuses an unknown breaker with NOT_FOUND and a missing reason as invalid, writing nothing', async () => {
    const ghost = `test:ghost-${uid()}`;
    await expect(admin.ops.breakers.isolate({ name: ghost, reason: 'no such thing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.ops.breakers.reset({ name: ghost, reason: 'no such thing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.ops.breakers.isolate({ name: breakerName, reason: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await db.auditLog.count({ where: { target: `breaker:${ghost}` } })).toBe(0);
    expect(breakerRegistry.snapshot(breakerName).state).toBe('closed');
  });

  it('reports the policy, an hour of 10 s buckets and the top consumers', async () => {
    const o = await admin.ops.limits.overview();
    expect(o.policy).toEqual(envPolicy());
    expect(o.policy).toMatchObject({ perKey: expect.any(Number), global: expect.any(Number), windowMs: expect.any(Number) });
    expect(o.points).toHaveLength(360);
    const ts = o.points.map((p) => p.t);
    expect(ts.every((t, i) => i === 0 || t - ts[i - 1]! === 10_000)).toBe(true);
    expect(Date.now() - ts.at(-1)!).toBeLessThan(10_000 + 1000);
    expect(Array.isArray(o.top)).toBe(true);
    expect(o.top.length).toBeLessThanOrEqual(20);
  });

  it('sets, lists and clears a per-identity override in Redis, with an audit row each time', async () => {
    const identity = `user:${randomUUID()}`;
    const set = await admin.ops.limits.overrides.set({ identity, perKey: 7 });
    expect(set.audited).toBe(true);
    expect(set.overrides).toContainEqual({ identity, perKey: 7 });
    expect(await admin.ops.limits.overrides.list()).toContainEqual({ identity, perKey: 7 });
    expect(await redis.hget('afg:ratelimit:overrides', identity)).toBe('7');

    await admin.ops.limits.overrides.set({ identity, perKey: 12 });
    expect(await admin.ops.limits.overrides.list()).toContainEqual({ identity, perKey: 12 });

    const cleared = await admin.ops.limits.overrides.set({ identity, perKey: null });
    expect(cleared.overrides.find((o) => o.identity === identity)).toBeUndefined();
    expect(await redis.hget('afg:ratelimit:overrides', identity)).toBeNull();

    const rows = await db.auditLog.findMany({ where: { target: `rate_limit:${identity}` }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorUserId, r.details])).toEqual([
      ['rate_limit.override', adminId, { identity, before: null, after: 7 }],
      ['rate_limit.override', adminId, { identity, before: 7, after: 12 }],
      ['rate_limit.override', adminId, { identity, before: 12, after: null }],
    ]);
  });

  it('refuses a malformed identity or limit', async () => {
    for (const identity of ['no spaces allowed', 'user:not-a-uuid', 'key:short', `key:${'a'.repeat(12)}:hash`, `apikey:${randomUUID()}`]) {
      await expect(admin.ops.limits.overrides.set({ identity, perKey: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(admin.ops.limits.overrides.set({ identity: `user:${randomUUID()}`, perKey: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.ops.limits.overrides.set({ identity: `user:${randomUUID()}`, perKey: 2.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('takes an API key override on its prefix', async () => {
    const identity = `key:${uid(6)}`; // 12 hex characters, like a key's prefix
    expect((await admin.ops.limits.overrides.set({ identity, perKey: 3 })).overrides).toContainEqual({ identity, perKey: 3 });
    expect((await admin.ops.limits.overrides.set({ identity, perKey: null })).overrides.find((o) => o.identity === identity)).toBeUndefined();
  });
});
