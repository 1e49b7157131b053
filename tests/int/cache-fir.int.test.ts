// The cache applied to the FIR domain, against the real database and Redis: a cold FIR
// under concurrent load costs one load, a cached FIR costs no statement, station scope
// holds on a cache hit, every write is seen at once (write-through), counts and sessions
// follow writes and sign-out, and the console's controls are audit-logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTrpcContext } from '@/server/api';
import { signIn } from '@/server/auth';
import { cache } from '@/server/cache';
import { db } from '@/server/data';
import { onStatement } from '@/server/data/statement-hooks';
import { countFirs, createDraft, firRecordKey, firStats, getFirOrThrow, transitionFir, registerFir, updateDraft } from '@/server/fir';
import { makeStation, makeUser, NARRATIVE, TEST_PASSWORD } from '../helpers/fixtures';

type Officer = Awaited<ReturnType<typeof makeUser>>;
let stationA: { id: number };
let stationB: { id: number };
let officerA: Officer;
let officerB: Officer;
let admin: Officer;

beforeAll(async () => {
  stationA = await makeStation(db);
  stationB = await makeStation(db);
  officerA = await makeUser(db, { role: 'officer', stationId: stationA.id });
  officerB = await makeUser(db, { role: 'officer', stationId: stationB.id });
  admin = await makeUser(db, { role: 'admin', stationId: null });
});
afterAll(() => db.$disconnect());

/** Statements the app's pools run while fn does. */
async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const off = onStatement((e) => seen.push(e.text));
  try {
    await fn();
  } finally {
    off();
  }
  return seen;
}

const fileDraft = () => createDraft(db, officerA.actor, { complainantName: 'Asha Rao', narrative: NARRATIVE, sections: [{ act: 'BNS', section: '303(2)' }] });

describe('FIR records', () => {
  it('a cold FIR read by 50 requests at once costs the statements of one load', async () => {
    const fir = await fileDraft();
    await cache.invalidate(firRecordKey(fir.id));
    const one = await statementsDuring(() => getFirOrThrow(db, officerA.actor, fir.id));
    await cache.invalidate(firRecordKey(fir.id));
    const fifty = await statementsDuring(() => Promise.all(Array.from({ length: 50 }, () => getFirOrThrow(db, officerA.actor, fir.id))));
    expect(one.length).toBeGreaterThan(0);
    expect(fifty.length).toBe(one.length);
  });

  // Property 19 (db-cache-infrastructure): cache hit avoids the database
  it('a cached FIR is served without a statement, and is the same FIR', async () => {
    const fir = await fileDraft();
    const again = await statementsDuring(async () => expect(await getFirOrThrow(db, officerA.actor, fir.id)).toEqual(fir));
    expect(again).toEqual([]);
  });

  it('station scope is enforced on a cache hit: another station gets 404, an admin sees it', async () => {
    const fir = await fileDraft();
    expect(cache.hasLocal(firRecordKey(fir.id))).toBe(true);
    await expect(getFirOrThrow(db, officerB.actor, fir.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getFirOrThrow(db, admin.actor, fir.id)).resolves.toMatchObject({ id: fir.id });
  });

  // Property 9 (backend-optimization) / 45 (db-cache-infrastructure): every write is seen at once
  it('update, register and transition are each visible on the next read, from the cache', async () => {
    const fir = await fileDraft();
    await getFirOrThrow(db, officerA.actor, fir.id);
    await updateDraft(db, officerA.actor, { id: fir.id, complainantName: 'Asha R. Rao' });
    expect((await getFirOrThrow(db, officerA.actor, fir.id)).complainantName).toBe('Asha R. Rao');
    await registerFir(db, officerA.actor, fir.id);
    const registered = await statementsDuring(async () => expect((await getFirOrThrow(db, officerA.actor, fir.id)).status).toBe('registered'));
    expect(registered).toEqual([]); // written through: no load needed
    await transitionFir(db, officerA.actor, { id: fir.id, to: 'under_investigation' });
    expect((await getFirOrThrow(db, officerA.actor, fir.id)).status).toBe('under_investigation');
    const inRedis = await cache.get<{ status: string }>(firRecordKey(fir.id));
    expect(inRedis?.status).toBe('under_investigation');
  });
});

describe('counts and dashboard stats', () => {
  it('follow every FIR write (the "firs" tag), and are cached between writes', async () => {
    const station = await makeStation(db);
    const officer = await makeUser(db, { role: 'officer', stationId: station.id });
    expect(await countFirs(db, officer.actor, { limit: 20 })).toBe(0);
    expect((await firStats(db, officer.actor)).total).toBe(0);
    expect(await statementsDuring(() => countFirs(db, officer.actor, { limit: 20 }))).toEqual([]);
    const fir = await createDraft(db, officer.actor, { complainantName: 'Ravi', narrative: NARRATIVE, sections: [{ act: 'BNS', section: '303(2)' }] });
    expect(await countFirs(db, officer.actor, { limit: 20 })).toBe(1);
    expect((await firStats(db, officer.actor)).byStatus.draft).toBe(1);
    await registerFir(db, officer.actor, fir.id);
    expect((await firStats(db, officer.actor)).byStatus).toMatchObject({ draft: 0, registered: 1 });
  });
});

describe('sessions', () => {
  it('are read from the cache after the first request, and sign-out ends them at once', async () => {
    const user = await makeUser(db, { role: 'officer', stationId: stationA.id });
    const { token, session } = await signIn(db, user.email, TEST_PASSWORD);
    const ctx = () => createTrpcContext({ transport: { kind: 'http', cookieHeader: `afg_session=${token}`, csrfHeader: session.csrfToken } });
    expect((await ctx()).session?.actor.userId).toBe(user.id);
    expect(await statementsDuring(async () => expect((await ctx()).session?.actor.userId).toBe(user.id))).toEqual([]);
    const caller = createCaller(await ctx());
    await caller.auth.signOut();
    expect((await ctx()).session).toBeNull();
  });
});

describe('console controls', () => {
  it('preview counts what an invalidation touches, and the invalidation is audit-logged', async () => {
    const fir = await fileDraft();
    const { token, session } = await signIn(db, admin.email, TEST_PASSWORD);
    const caller = createCaller(await createTrpcContext({ transport: { kind: 'http', cookieHeader: `afg_session=${token}`, csrfHeader: session.csrfToken } }));
    const target = { kind: 'key' as const, value: firRecordKey(fir.id) };
    expect(await caller.ops.cache.preview(target)).toEqual({ l1: 1, l2: 1, l2Known: true });
    const res = await caller.ops.cache.invalidate({ target, reason: 'test: stale record' });
    expect(res).toEqual({ touched: { l1: 1, l2: 1 }, audited: true });
    expect(cache.hasLocal(firRecordKey(fir.id))).toBe(false);
    const audit = await db.auditLog.findFirst({ where: { target: `cache:${firRecordKey(fir.id)}` } });
    expect(audit).toMatchObject({ action: 'cache.invalidate_key', actorUserId: admin.id });
    await expect(caller.ops.cache.invalidate({ target: { kind: 'pattern', value: 'fir:[a-z]' }, reason: 'bad pattern' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const overview = await caller.ops.cache.overview();
    expect(overview.namespaces.map((n) => n.namespace)).toEqual(['fir', 'violation', 'kb', 'session', 'stats']);
    expect(overview.goal).toBe(0.8);
  });

  it('officers cannot reach the controls', async () => {
    const { token, session } = await signIn(db, officerA.email, TEST_PASSWORD);
    const caller = createCaller(await createTrpcContext({ transport: { kind: 'http', cookieHeader: `afg_session=${token}`, csrfHeader: session.csrfToken } }));
    await expect(caller.ops.cache.invalidate({ target: { kind: 'tag', value: 'firs' }, reason: 'not allowed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
