// Statement capture, the slow log and N+1 detection against the real primary, through
// Prisma and the pg driver hook the app uses.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth';
import { db } from '../../server/data/prisma';
import { onStatement } from '../../server/data/statement-hooks';
import { StatementStore } from '../../server/insights/capture';
import { nPlusOneReports } from '../../server/insights/n-plus-one';
import { closeInsightsPools } from '../../server/insights/node-pools';
import { enqueueSlow, listSlowQueries, slowLogIdle, slowQueryPlan } from '../../server/insights/slow-log';
import { loadParser, statementInfo } from '../../server/insights/statement-info';
import { topStatements } from '../../server/insights/top-statements';
import { listFirs } from '../../server/fir';
import { currentContext, runWithContext } from '../../server/lib/request-context';
import { makeStation, makeUser, uid } from '../helpers/fixtures';

const RULE = { minCount: 5, minTotalMs: 50 };
const SLOW_MS = 60;
let store: StatementStore;
let off: () => void;
let admin: Actor;

beforeAll(async () => {
  await loadParser();
  store = new StatementStore({ slowMs: SLOW_MS, nPlusOne: RULE, onSlow: enqueueSlow });
  off = onStatement(store.listener);
  const station = await makeStation(db);
  admin = (await makeUser(db, { role: 'admin', stationId: null })).actor;
  void station;
});

afterAll(async () => {
  off?.();
  await slowLogIdle();
  await closeInsightsPools();
  await db.$disconnect();
});

const entryFor = (sql: string) => store.get('primary', statementInfo(sql).fingerprint);

describe('statement capture', () => {
  // Property 1 (db-cache-infrastructure): query analysis coverage — every statement executed
  // through the app's pools is counted under its fingerprint, whatever its constants.
  // Property 38 (db-cache-infrastructure): database metrics exposure — latency, throughput
  // (calls) and errors are kept per statement.
  it('Property 1 / Property 38: counts every statement under one fingerprint per shape, with time, rows and errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), async (ns, failures) => {
        const tag = `cov_${uid()}`;
        // A column reference, not an alias: fingerprints ignore aliases.
        const sql = (n: number) => `SELECT ${n} FROM (VALUES (1)) AS v(${tag}) WHERE v.${tag} > 0`;
        for (const n of ns) await db.$queryRawUnsafe(sql(n));
        for (let i = 0; i < failures; i++) await db.$queryRawUnsafe(`SELECT ${i} AS ${tag} FROM no_such_table_${tag}`).catch(() => {});
        const e = entryFor(sql(0))!;
        expect(e.calls).toBe(ns.length);
        expect(e.rows).toBe(ns.length);
        expect(e.totalMs).toBeGreaterThan(0);
        expect(e.maxMs).toBeLessThanOrEqual(e.totalMs);
        if (failures > 0) expect(entryFor(`SELECT 0 AS ${tag} FROM no_such_table_${tag}`)!.errors).toBe(failures);
      }),
      { numRuns: 8 },
    );
  });

  it('keeps recent examples with the route and correlation id, and merges pg_stat_statements by fingerprint', async () => {
    const tag = `ex_${uid()}`;
    await runWithContext({ correlationId: `corr-${tag}`, kind: 'http', route: '/api/test/example' }, async () => {
      await db.$queryRawUnsafe(`SELECT 1 AS ${tag} WHERE 2 > $1`, 1); // awaited inside: a PrismaPromise runs when awaited
    });
    const e = entryFor(`SELECT 1 AS ${tag} WHERE 2 > $1`)!;
    expect(e.examples.at(-1)).toMatchObject({ route: '/api/test/example', correlationId: `corr-${tag}`, values: [1] });
    const [primary] = await topStatements(store, { node: 'primary', order: 'total', limit: 100_000 });
    expect(primary!.serverStats).toBe(true);
    const row = primary!.rows.find((r) => r.fingerprint === e.fingerprint)!;
    expect(row.app?.calls).toBe(1);
    // pg_stat_statements saw the same statement (and normalised it to the same fingerprint).
    expect(row.server?.calls).toBeGreaterThanOrEqual(1);
  });

  it('attributes each statement to the request that sent it, also when requests queue for pool connections', async () => {
    // 40 concurrent requests on a pool of 10: most wait in pg's queue and are run from
    // another request's release; each must still be reported in its own context.
    const tag = `ctx_${uid()}`;
    const seen: { n: number; correlationId: string | undefined }[] = [];
    const offCheck = onStatement((e) => {
      const m = new RegExp(`${tag}_(\\d+)`).exec(e.text);
      if (m) seen.push({ n: Number(m[1]), correlationId: currentContext()?.correlationId });
    });
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          runWithContext({ correlationId: `${tag}-${n}`, kind: 'http', route: '/api/test/ctx' }, async () => {
            await db.$queryRawUnsafe(`SELECT pg_sleep(0.01) IS NULL AS ${tag}_${n}`);
          }),
        ),
      );
    } finally {
      offCheck();
    }
    expect(seen).toHaveLength(40);
    for (const s of seen) expect(s.correlationId).toBe(`${tag}-${s.n}`);
  });

  // Property 3 (backend-optimization): no SELECT * in generated queries, and Property 4: cursor,
  // not OFFSET, pagination — over the statements the FIR list actually sends, for any filters.
  it('Property 3 / Property 4: the FIR list pages with a cursor and names its columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(undefined, 'draft', 'registered'), fc.integer({ min: 1, max: 30 }), async (status, limit) => {
        const tag = `list-${uid()}`;
        await runWithContext({ correlationId: tag, kind: 'http', route: '/api/test/list' }, async () => {
          const page = await listFirs(db, admin, { limit, ...(status ? { status: status as never } : {}) });
          if (page.nextCursor) await listFirs(db, admin, { limit, cursor: page.nextCursor });
        });
        const mine = store.list().filter((s) => s.examples.some((x) => x.correlationId === tag));
        expect(mine.length).toBeGreaterThan(0);
        for (const s of mine) {
          expect(s.info.selectStar).toBe(false);
          expect(s.info.offset).toBe(false);
        }
      }),
      { numRuns: 6 },
    );
  });
});

describe('slow query log', () => {
  // Property 2 (db-cache-infrastructure): slow query logging — a statement over the threshold is
  // logged with its plan (EXPLAIN ANALYZE for a read, a plain EXPLAIN for a write); a faster one is not.
  it('Property 2: logs exactly the statements over the threshold, with a plan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(5, 90), fc.boolean(), async (sleepMs, write) => {
        const tag = `slow_${uid()}`;
        const sql = write
          ? `UPDATE police_station SET name = name WHERE id = (SELECT -1 FROM pg_sleep(${sleepMs / 1000})) RETURNING id AS ${tag}`
          : `SELECT pg_sleep(${sleepMs / 1000}) AS ${tag}`;
        await db.$executeRawUnsafe(sql);
        await slowLogIdle();
        const { rows } = await listSlowQueries(200);
        const logged = rows.find((r) => r.query.includes(tag));
        // The driver-measured time decides (a 5 ms sleep can take longer on a loaded machine);
        // a 90 ms sleep can never take less, so it is always logged.
        // Found by its example's text: statements differing only in a column alias share one
        // fingerprint (and one entry, named by the first text seen).
        const example = store
          .list()
          .flatMap((s) => s.examples)
          .find((ex) => ex.text.includes(tag))!;
        const measured = example.durationMs;
        expect(!!logged).toBe(measured >= SLOW_MS);
        if (sleepMs >= SLOW_MS) expect(logged).toBeDefined();
        if (logged) {
          expect(logged.durationMs).toBeGreaterThanOrEqual(SLOW_MS);
          expect(logged.hasPlan).toBe(true);
          expect(logged.analyzed).toBe(!write); // ANALYZE only for the read
          const plan = await slowQueryPlan(logged.id);
          expect(plan!.tree!.nodeType).toBeTruthy();
          expect(plan!.tree!.costly || plan!.tree!.children.some((c) => c.costly)).toBe(true);
          if (!write) expect(plan!.executionMs).not.toBeNull();
        }
      }),
      { numRuns: 5 },
    );
  });

  it('never captures its own EXPLAIN', async () => {
    await db.$executeRawUnsafe(`SELECT pg_sleep(0.08), '${uid()}' AS never_explain`);
    await slowLogIdle();
    expect(store.list().some((s) => s.info.command === 'explain')).toBe(false);
  });
});

describe('N+1 detection', () => {
  const ids = async () => Promise.all(Array.from({ length: 8 }, async () => (await makeStation(db)).id));
  // A planted N+1: one lookup per item, each slow enough that the repeats pass 50 ms together.
  const nPlusOneRoute = async (stationIds: number[]) => {
    for (const id of stationIds) await db.$queryRaw`SELECT id, name FROM police_station WHERE id = ${id} AND pg_sleep(0.008) IS NOT NULL`;
  };
  // Its batched version: one statement for all of them.
  const batchedRoute = async (stationIds: number[]) => {
    await db.$queryRaw`SELECT id, name FROM police_station WHERE id = ANY(${stationIds}) AND pg_sleep(0.008) IS NOT NULL`;
  };

  it('reports the planted N+1 route with its count, example and hint, and not its batched version', async () => {
    const stationIds = await ids();
    expect(stationIds.length).toBeGreaterThanOrEqual(6);
    const tag = uid();
    await runWithContext({ correlationId: `n1-${tag}`, kind: 'http', route: `/api/test/n-plus-one/${tag}` }, () => nPlusOneRoute(stationIds));
    await runWithContext({ correlationId: `b-${tag}`, kind: 'http', route: `/api/test/batched/${tag}` }, () => batchedRoute(stationIds));
    const reports = nPlusOneReports();
    const n1 = reports.find((r) => r.route === `/api/test/n-plus-one/${tag}`);
    expect(n1).toBeDefined();
    expect(n1!.maxCount).toBe(stationIds.length);
    expect(n1!.maxTotalMs).toBeGreaterThanOrEqual(RULE.minTotalMs);
    expect(n1!.example.correlationId).toBe(`n1-${tag}`);
    expect(n1!.hint).toMatch(/IN \(/);
    expect(reports.some((r) => r.route === `/api/test/batched/${tag}`)).toBe(false);
  });

  it('is per request: the same statements spread over requests are not an N+1', async () => {
    const stationIds = await ids();
    const tag = uid();
    for (const id of stationIds) {
      await runWithContext({ correlationId: `s-${tag}-${id}`, kind: 'http', route: `/api/test/spread/${tag}` }, () => nPlusOneRoute([id]));
    }
    expect(nPlusOneReports().some((r) => r.route === `/api/test/spread/${tag}`)).toBe(false);
  });
});
