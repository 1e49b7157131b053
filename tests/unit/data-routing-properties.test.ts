// Routing and balancing rules of the data layer (server/data/routing/balancer.ts,
// read-set.ts, lsn.ts) as properties over generated replica states and statements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isReadOnlyStatement,
  qualifies,
  route,
  weightOf,
  WeightedRoundRobin,
  type ReplicaView,
  type RouteRequest,
} from '../../server/data/routing/balancer';
import { formatLsn, parseLsn } from '../../server/data/routing/lsn';
import { nextInReadSet } from '../../server/data/routing/read-set';

const lsn = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const replica = (name: string) =>
  fc.record({
    name: fc.constant(name),
    inReadSet: fc.boolean(),
    breakerOpen: fc.boolean(),
    replayLsn: fc.option(lsn, { nil: null }),
    ewmaMs: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: null }),
    inFlight: fc.integer({ min: 0, max: 50 }),
    cpu: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  });
const replicas = fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => replica(`replica${i + 1}`))));
const healthy = (name: string): ReplicaView => ({ name, inReadSet: true, breakerOpen: false, replayLsn: 100n, ewmaMs: 2, inFlight: 0, cpu: 0.1 });

const writes = fc.oneof(
  fc.constantFrom(
    'INSERT INTO "Fir" ("id") VALUES ($1) RETURNING "id"',
    'UPDATE "Fir" SET "status" = $1 WHERE "id" = $2',
    'DELETE FROM "Session" WHERE "id" = $1',
    'WITH x AS (UPDATE "Fir" SET n = 1 RETURNING *) SELECT * FROM x',
    'SELECT "id" FROM "Fir" WHERE "id" = $1 FOR UPDATE',
    'SELECT nextval(\'fir_seq\')',
    'COMMIT',
    'CREATE INDEX i ON t (c)',
  ),
  fc.string().map((s) => `INSERT INTO t VALUES ('${s.replace(/'/g, "''")}')`),
);
const reads = fc.constantFrom(
  'SELECT "id", "status" FROM "public"."Fir" WHERE "id" = $1 LIMIT $2',
  '  select count(*) from "Fir"',
  '/* prisma */ SELECT 1',
  'SELECT "t0"."id" FROM "Fir" AS "t0" LEFT JOIN LATERAL (SELECT 1) AS "t1" ON true',
);
const request = (text: fc.Arbitrary<string | null>): fc.Arbitrary<RouteRequest> =>
  fc.record({ text, critical: fc.boolean(), token: fc.option(lsn, { nil: null }), wroteHere: fc.boolean(), routingOn: fc.boolean() });

describe('read routing', () => {
  // Property 9 (db-cache-infrastructure): Write Routing to Primary
  it('sends every write and every transaction to the primary (its critical pool when flagged)', () => {
    fc.assert(
      fc.property(request(fc.oneof(writes, fc.constant(null))), replicas, (req, rs) => {
        const d = route(req, rs, new WeightedRoundRobin());
        expect(d.target).toBe(req.critical ? 'critical' : 'primary');
      }),
      { numRuns: 500 },
    );
  });

  // Property 10 (db-cache-infrastructure): Read Routing to Replicas
  it('sends a read to a qualifying replica whenever one exists, else to the primary; never to one out of the read set, open, or behind the token', () => {
    fc.assert(
      fc.property(request(reads), replicas, (req0, rs) => {
        const req = { ...req0, critical: false, wroteHere: false, routingOn: true };
        const d = route(req, rs, new WeightedRoundRobin());
        const ok = rs.filter((r) => qualifies(r, req.token));
        if (ok.length === 0) expect(d.target).toBe('primary');
        else expect(ok.map((r) => r.name)).toContain(d.target);
        const chosen = rs.find((r) => r.name === d.target);
        if (chosen) {
          expect(chosen.inReadSet && !chosen.breakerOpen).toBe(true);
          if (req.token !== null) expect(chosen.replayLsn! >= req.token).toBe(true); // read-your-writes
        }
      }),
      { numRuns: 500 },
    );
  });

  // Property 11 (db-cache-infrastructure): Critical Operation Priority
  it('routes every operation flagged critical through the dedicated critical pool', () => {
    fc.assert(
      fc.property(request(fc.oneof(reads, writes, fc.constant(null))), replicas, (req, rs) => {
        expect(route({ ...req, critical: true }, rs, new WeightedRoundRobin()).target).toBe('critical');
      }),
    );
  });

  it('keeps a caller that wrote in this request, or a disabled router, on the primary', () => {
    fc.assert(
      fc.property(request(reads), (req) => {
        const rs = [healthy('replica1'), healthy('replica2')];
        expect(route({ ...req, critical: false, wroteHere: true }, rs, new WeightedRoundRobin()).target).toBe('primary');
        expect(route({ ...req, critical: false, routingOn: false }, rs, new WeightedRoundRobin()).target).toBe('primary');
      }),
    );
  });

  it('treats only plain SELECTs as reads', () => {
    fc.assert(fc.property(writes, (w) => isReadOnlyStatement(w) === false));
    fc.assert(fc.property(reads, (r) => isReadOnlyStatement(r)));
  });
});

describe('weighted balancing', () => {
  const sharesOf = (views: ReplicaView[], n: number) => {
    const rr = new WeightedRoundRobin();
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const d = route({ text: 'SELECT 1', critical: false, token: null, wroteHere: false, routingOn: true }, views, rr);
      counts.set(d.target, (counts.get(d.target) ?? 0) + 1);
    }
    return counts;
  };
  const load = fc.record({
    ewmaMs: fc.double({ min: 0, max: 200, noNaN: true }),
    inFlight: fc.integer({ min: 0, max: 20 }),
    cpu: fc.double({ min: 0, max: 0.79, noNaN: true }),
  });

  // Property 35 (db-cache-infrastructure): Load Distribution Across Replicas
  it('spreads reads over every healthy replica in proportion to its weight (smooth weighted round-robin)', () => {
    fc.assert(
      fc.property(fc.array(load, { minLength: 1, maxLength: 4 }), (loads) => {
        const views = loads.map((l, i) => ({ ...healthy(`replica${i + 1}`), ...l }));
        const weights = views.map(weightOf);
        const total = weights.reduce((a, b) => a + b, 0);
        const n = total * 2; // two full rounds
        const counts = sharesOf(views, n);
        views.forEach((v, i) => {
          expect(counts.get(v.name) ?? 0).toBe(weights[i]! * 2); // exact over whole rounds
        });
        expect(counts.get('primary')).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  // Property 36 (db-cache-infrastructure): Traffic Reduction on High CPU
  it('gives a replica at or above 80 % CPU less weight than the same replica below it', () => {
    fc.assert(
      fc.property(load, fc.double({ min: 0.8, max: 1, noNaN: true }), (l, high) => {
        expect(weightOf({ ...l, cpu: high })).toBeLessThan(weightOf({ ...l, cpu: Math.min(l.cpu, 0.79) }));
        expect(weightOf({ ...l, cpu: high })).toBeGreaterThanOrEqual(1); // never starved entirely
      }),
    );
  });

  // Property 37 (db-cache-infrastructure): Response Time Preference
  it('sends more reads to the faster of two otherwise equal replicas', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 1.5, max: 20, noNaN: true }), fc.integer({ min: 0, max: 5 }), (fast, factor, inFlight) => {
        const views = [
          { ...healthy('replica1'), ewmaMs: fast, inFlight, cpu: null },
          { ...healthy('replica2'), ewmaMs: (fast + 1) * factor, inFlight, cpu: null },
        ];
        const counts = sharesOf(views, 400);
        expect(counts.get('replica1') ?? 0).toBeGreaterThan(counts.get('replica2') ?? 0);
      }),
      { numRuns: 100 },
    );
    // ...and fewer to one with more statements in flight
    expect(weightOf({ ewmaMs: 5, inFlight: 8, cpu: null })).toBeLessThan(weightOf({ ewmaMs: 5, inFlight: 0, cpu: null }));
  });
});

describe('read set with lag hysteresis', () => {
  const limits = { outAboveSeconds: 5, backBelowSeconds: 2 };
  const state = fc.record({
    wasIn: fc.boolean(),
    up: fc.boolean(),
    role: fc.constantFrom('primary' as const, 'replica' as const, 'unknown' as const),
    lagSeconds: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: null }),
    markedOut: fc.boolean(),
  });

  // Property 7 (db-cache-infrastructure): Unhealthy Instance Removal; and the lag rule of Property 10
  it('leaves above 5 s, returns only below 2 s, and never holds a down, non-replica or marked-out node', () => {
    fc.assert(
      fc.property(state, (s) => {
        const next = nextInReadSet(s, limits);
        if (!s.up || s.role !== 'replica' || s.markedOut || s.lagSeconds === null) {
          expect(next).toBe(false);
          return;
        }
        if (s.lagSeconds > 5) expect(next).toBe(false);
        if (s.lagSeconds < 2) expect(next).toBe(true);
        if (s.lagSeconds >= 2 && s.lagSeconds <= 5) expect(next).toBe(s.wasIn); // the band keeps the previous state
      }),
      { numRuns: 500 },
    );
  });

  it('does not flap: a lag sequence inside the 2–5 s band never changes membership', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.double({ min: 2, max: 5, noNaN: true }), { maxLength: 50 }), (start, lags) => {
        let inSet = start;
        for (const lag of lags) inSet = nextInReadSet({ wasIn: inSet, up: true, role: 'replica', lagSeconds: lag, markedOut: false }, limits);
        expect(inSet).toBe(start);
      }),
    );
  });
});

describe('LSN tokens', () => {
  it('parse(format(x)) = x, and the order of LSNs is the order of their values', () => {
    fc.assert(
      fc.property(lsn, lsn, (a, b) => {
        expect(parseLsn(formatLsn(a))).toBe(a);
        expect(parseLsn(formatLsn(a))! < parseLsn(formatLsn(b))!).toBe(a < b);
      }),
    );
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    for (const bad of ['', '16', '16/', 'x/1', '1/2/3', '123456789/0']) expect(parseLsn(bad)).toBeNull();
  });
});

describe('synchronous commit without replicas', () => {
  const facts = fc.record({ syncNames: fc.constantFrom('', 'ANY 1 (replica1, replica2)', 'replica1'), streaming: fc.integer({ min: 0, max: 3 }) });
  const state = fc.constantFrom('sync' as const, 'async' as const, 'degraded' as const, 'refusing' as const);

  it('degrades only when synchronous and nothing streams, restores as soon as a replica streams, and strict mode never touches the primary', async () => {
    const { nextSyncAction } = await import('../../server/data/routing/sync-commit');
    fc.assert(
      fc.property(fc.constantFrom('degrade' as const, 'strict' as const), state, facts, (mode, s, f) => {
        const next = nextSyncAction(mode, s, f);
        if (mode === 'strict') expect(next.action).not.toBe('clear');
        if (next.action === 'clear') expect(f.syncNames !== '' && f.streaming === 0 && s !== 'degraded').toBe(true);
        if (next.action === 'restore') expect(s === 'degraded' && f.streaming > 0).toBe(true);
        if (s === 'degraded' && f.streaming > 0) expect(next).toEqual({ state: 'sync', action: 'restore' });
        if (next.state === 'refusing') expect(mode === 'strict' && f.streaming === 0).toBe(true);
        if (f.streaming > 0) expect(next.state).not.toBe('refusing');
      }),
      { numRuns: 300 },
    );
  });
});
