// tRPC through createCaller with a real context: signing in sets the session and CSRF
// cookies, mutations from the browser need the CSRF token, roles are enforced, and a
// write through the app reaches every replica.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE } from '@/server/auth';
import { db } from '@/server/data';
import { topology } from '@/server/env';
import { eventually } from '../helpers/test-db';
import { makeStation, makeUser, NARRATIVE, uid } from '../helpers/fixtures';
import { browser, signInJar, type Jar } from '../helpers/trpc-browser';


let officerEmail: string;
let adminEmail: string;

beforeAll(async () => {
  const station = await makeStation(db);
  officerEmail = (await makeUser(db, { role: 'officer', stationId: station.id })).email;
  adminEmail = (await makeUser(db, { role: 'admin', stationId: null })).email;
});

afterAll(async () => {
  await db.$disconnect();
});


describe('sign in and sessions', () => {
  it('sets an httpOnly session cookie and a CSRF cookie, and signs out', async () => {
    const jar = await signInJar(officerEmail);
    expect(jar.get(SESSION_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jar.get(CSRF_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await (await browser(jar)).auth.me()).toMatchObject({ role: 'officer', station: { id: expect.any(Number) } });
    await (await browser(jar)).auth.signOut();
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    await expect((await browser(jar)).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const jar: Jar = new Map();
    const wrong = (await browser(jar)).auth.signIn({ email: officerEmail, password: 'nope' });
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    const nobody = (await browser(jar)).auth.signIn({ email: `nobody.${uid()}@test.afirgen`, password: 'nope' });
    await expect(nobody).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
  });

  it('refuses a browser mutation without the CSRF token, and writes nothing', async () => {
    const jar = await signInJar(officerEmail);
    const name = `CSRF ${uid()}`;
    const noToken = (await browser(jar, { csrf: false })).fir.createDraft({ complainantName: name, narrative: NARRATIVE });
    await expect(noToken).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.fir.count({ where: { complainantName: name } })).toBe(0);
    const withToken = await (await browser(jar)).fir.createDraft({ complainantName: name, narrative: NARRATIVE });
    expect(withToken.status).toBe('draft');
  });

  it('keeps officers out of admin procedures', async () => {
    const officer = await browser(await signInJar(officerEmail));
    await expect(officer.admin.apiKeys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await browser(await signInJar(adminEmail));
    expect(Array.isArray(await admin.admin.apiKeys.list())).toBe(true);
  });

  it('refuses unknown input fields rather than dropping them', async () => {
    const officer = await browser(await signInJar(officerEmail));
    // @ts-expect-error an unknown field
    const bad = officer.fir.createDraft({ complainantName: 'X Y', narrative: NARRATIVE, status: 'closed' });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('drafting', () => {
  it('drafts facts and ranked sections from a narrative, for signed-in officers only', async () => {
    const officer = await browser(await signInJar(officerEmail));
    const narrative =
      'Yesterday at about 9 pm two unknown men on a motorcycle snatched my gold chain worth Rs 45,000 near the bus stand. Call me on 98450 12345.';
    const draft = await officer.fir.draftFromNarrative({ narrative });
    expect(draft.drafter).toBe('builtin');
    expect(draft.suggestedSections.slice(0, 3).some((s) => s.section.startsWith('304'))).toBe(true);
    expect(draft.phones.map((p) => p.value)).toContain('+919845012345');
    expect(draft.amounts.map((a) => a.value)).toContain(45000);
    await expect((await browser(new Map())).fir.draftFromNarrative({ narrative })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('replication', () => {
  it.each(topology.replicaUrls.map((url, i) => [`replica${i + 1}`, url] as const))(
    'a write through the app becomes readable on %s',
    async (_name, url) => {
      const officer = await browser(await signInJar(officerEmail));
      const created = await officer.fir.createDraft({ complainantName: `Replicated ${uid()}`, narrative: NARRATIVE });
      const replica = new pg.Client({ connectionString: url });
      await replica.connect();
      try {
        const { rows } = await replica.query<{ in_recovery: boolean }>('SELECT pg_is_in_recovery() AS in_recovery');
        expect(rows[0]?.in_recovery).toBe(true);
        const seen = await eventually(async () => (await replica.query('SELECT 1 FROM fir WHERE id = $1', [created.id])).rowCount === 1);
        expect(seen).toBe(true);
      } finally {
        await replica.end();
      }
    },
  );
});

describe('rate limits through tRPC', () => {
  it('refuses an officer past their per-user limit with TOO_MANY_REQUESTS, and lets admins through', async () => {
    const { RateLimiter, replaceApiLimiter } = await import('@/server/resilience/rate-limit');
    const { Redis } = await import('ioredis');
    const redis = new Redis(topology.redisUrl);
    replaceApiLimiter(new RateLimiter({ redis, name: `trpc-test-${uid()}`, prefix: `test:${uid()}:`, policy: { perKey: 3, global: 1000, windowMs: 60_000 } }));
    try {
      const officer = await browser(await signInJar(officerEmail));
      for (let i = 0; i < 3; i++) await officer.auth.me();
      await expect(officer.auth.me()).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      const admin = await browser(await signInJar(adminEmail));
      for (let i = 0; i < 5; i++) await admin.auth.me();
    } finally {
      replaceApiLimiter(null);
      redis.disconnect();
    }
  });
});
