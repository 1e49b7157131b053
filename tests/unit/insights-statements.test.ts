// Fingerprints, the anti-pattern checks and the N+1 rule, on generated statements.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAntipatterns, APP_AGGREGATE_ROWS } from '../../server/insights/antipatterns';
import type { CapturedStatement } from '../../server/insights/capture';
import { findDuplicateIndexes, type IndexInfo } from '../../server/insights/index-health';
import { isNPlusOne, nPlusOneReports, observeForNPlusOne } from '../../server/insights/n-plus-one';
import { planTree, type PlanJson } from '../../server/insights/explain';
import { loadParser, statementInfo } from '../../server/insights/statement-info';
import { currentContext, runWithContext } from '../../server/lib/request-context';

beforeAll(() => loadParser());

const ident = fc.constantFrom('fir', 'police_station', 'app_user', 'fir_event');
const column = fc.constantFrom('id', 'status', 'station_id', 'created_at', 'name');
const constant = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.integer({ min: 1, max: 9 }).map((n) => `$${n}`),
);

function entry(sql: string, calls = 1, rows = 1, node = 'primary'): CapturedStatement {
  const info = statementInfo(sql);
  return { node, fingerprint: info.fingerprint, info, calls, errors: 0, totalMs: calls, maxMs: 1, rows, firstAt: 0, lastAt: 0, examples: [] };
}

describe('fingerprints', () => {
  it('are the same whatever the constants, IN-list lengths and $n parameters', () => {
    fc.assert(
      fc.property(ident, column, constant, constant, fc.array(constant, { minLength: 1, maxLength: 6 }), fc.array(constant, { minLength: 1, maxLength: 6 }), (t, c, a, b, listA, listB) => {
        const q = (v: string, list: string[]) => `SELECT id FROM ${t} WHERE ${c} = ${v} AND id IN (${list.join(', ')})`;
        expect(statementInfo(q(a, listA)).fingerprint).toBe(statementInfo(q(b, listB)).fingerprint);
      }),
    );
  });

  it('differ when the shape differs (another column or table)', () => {
    expect(statementInfo('SELECT id FROM fir WHERE status = $1').fingerprint).not.toBe(statementInfo('SELECT id FROM fir WHERE station_id = $1').fingerprint);
    expect(statementInfo('SELECT id FROM fir WHERE id = 1').fingerprint).not.toBe(statementInfo('SELECT id FROM fir_event WHERE id = 1').fingerprint);
  });

  it('match pg_stat_statements’ normalised text of the same statement', () => {
    // pg_stat_statements shows constants as $n; the app's text may inline them.
    expect(statementInfo("SELECT id FROM fir WHERE status = 'DRAFT' LIMIT 10").fingerprint).toBe(statementInfo('SELECT id FROM fir WHERE status = $1 LIMIT $2').fingerprint);
  });

  it('tell read-only SELECTs from everything EXPLAIN ANALYZE must not run', () => {
    expect(statementInfo('SELECT id FROM fir WHERE id = $1').readOnly).toBe(true);
    expect(statementInfo('SELECT id FROM fir WHERE id = $1 FOR UPDATE').readOnly).toBe(false);
    expect(statementInfo('WITH d AS (DELETE FROM fir WHERE id = $1 RETURNING id) SELECT id FROM d').readOnly).toBe(false);
    expect(statementInfo('UPDATE fir SET status = $1').readOnly).toBe(false);
    expect(statementInfo('SELECT id INTO TEMP t FROM fir').readOnly).toBe(false);
    expect(statementInfo('EXPLAIN SELECT 1').command).toBe('explain');
  });

  it('fall back to a lexer fingerprint for text the parser refuses', () => {
    const a = statementInfo("SELEC id FRM fir WHERE x = 'a'");
    const b = statementInfo("SELEC id FRM fir WHERE x = 'bb'");
    expect(a.fingerprint).toMatch(/^x/);
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});

describe('anti-patterns', () => {
  // Property 3 (backend-optimization): No SELECT * in generated queries — the check flags
  // exactly the statements whose select list has a bare or qualified *.
  it('Property 3: flags SELECT * and t.*, never named columns', () => {
    fc.assert(
      fc.property(ident, fc.array(fc.oneof(column, fc.constant('*'), fc.constant('f.*')), { minLength: 1, maxLength: 4 }), (t, cols) => {
        const sql = `SELECT ${cols.join(', ')} FROM ${t} f`;
        const found = findAntipatterns([entry(sql)], new Map(), 1000).some((a) => a.kind === 'select-star');
        expect(found).toBe(cols.some((c) => c.endsWith('*')));
      }),
    );
    // count(*) is not a SELECT *
    expect(findAntipatterns([entry('SELECT count(*) FROM fir')], new Map(), 1000).some((a) => a.kind === 'select-star')).toBe(false);
  });

  // Property 4 (backend-optimization): cursor-based pagination for large result sets — OFFSET
  // over a table at or above the size threshold is flagged, and nothing else.
  it('Property 4: flags OFFSET pagination exactly on large tables', () => {
    fc.assert(
      fc.property(ident, fc.boolean(), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 40_000 }), (t, offset, rows, threshold) => {
        const sql = `SELECT id FROM ${t} ORDER BY id LIMIT 20${offset ? ' OFFSET 40' : ''}`;
        const found = findAntipatterns([entry(sql)], new Map([[t, rows]]), threshold).some((a) => a.kind === 'offset-pagination');
        expect(found).toBe(offset && rows >= threshold);
      }),
    );
    // OFFSET 0 (what Prisma sends with take and no skip) skips nothing: not flagged.
    const withParam = (v: number) => ({ ...entry('SELECT id FROM fir ORDER BY id LIMIT $1 OFFSET $2'), examples: [{ at: 0, durationMs: 1, rowCount: 1, route: null, correlationId: null, text: '', values: [20, v] }] });
    expect(findAntipatterns([withParam(0)], new Map([['fir', 1e6]]), 10).length).toBe(0);
    expect(findAntipatterns([withParam(40)], new Map([['fir', 1e6]]), 10).map((a) => a.kind)).toEqual(['offset-pagination']);
    expect(findAntipatterns([entry('SELECT id FROM fir ORDER BY id LIMIT 20 OFFSET 0')], new Map([['fir', 1e6]]), 10).length).toBe(0);
  });

  // Property 5 (backend-optimization): database-level aggregation — a statement that fetches
  // many rows per call with no aggregate and no LIMIT is flagged; aggregates in SQL are not.
  it('Property 5: flags unbounded row fetches without an aggregate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SELECT id, status FROM fir', 'SELECT count(*) FROM fir', 'SELECT status, sum(id) FROM fir GROUP BY status', 'SELECT id FROM fir LIMIT 50'),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 5000 }),
        (sql, calls, perCall) => {
          const found = findAntipatterns([entry(sql, calls, calls * perCall)], new Map(), 1e9).some((a) => a.kind === 'app-aggregate');
          expect(found).toBe(sql === 'SELECT id, status FROM fir' && perCall >= APP_AGGREGATE_ROWS);
        },
      ),
    );
  });
});

describe('N+1 rule', () => {
  // Property 4 (db-cache-infrastructure): N+1 detection — within one request a fingerprint is
  // reported iff it ran ≥ minCount times taking ≥ minTotalMs together, with a batching hint.
  it('Property 4: reports a request’s repeated statement exactly when count and total time cross the rule', () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ which: fc.integer({ min: 0, max: 2 }), ms: fc.double({ min: 0, max: 30, noNaN: true }) }), { maxLength: 25 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 80 }),
        (calls, minCount, minTotalMs) => {
          const route = `/test/n1/${n++}`;
          const sqls = ['SELECT id FROM fir WHERE station_id = $1', 'SELECT id FROM fir_event WHERE fir_id = $1', 'INSERT INTO fir_event (fir_id) VALUES ($1)'];
          // One request: the tally lives in the current context's slot.
          runWithContext({ correlationId: `c${n}`, kind: 'http', route }, () => {
            for (const c of calls) {
              const text = sqls[c.which]!;
              observeForNPlusOne(currentContext()!, statementInfo(text), { at: 0, durationMs: c.ms, rowCount: 1, route, correlationId: `c${n}`, text }, { minCount, minTotalMs });
            }
          });
          const expected = [0, 1, 2].filter((w) => {
            const mine = calls.filter((c) => c.which === w);
            return isNPlusOne(mine.length, mine.reduce((sum, c) => sum + c.ms, 0), { minCount, minTotalMs });
          });
          const reported = nPlusOneReports().filter((r) => r.route === route);
          expect(new Set(reported.map((r) => r.fingerprint))).toEqual(new Set(expected.map((w) => statementInfo(sqls[w]!).fingerprint)));
          for (const r of reported) {
            expect(r.maxCount).toBeGreaterThanOrEqual(minCount);
            expect(r.hint).toMatch(/one (query|statement)/);
          }
        },
      ),
    );
  });
});

describe('plan tree', () => {
  it('gives each node its own cost share and marks the costly ones', () => {
    const doc = {
      Plan: {
        'Node Type': 'Hash Join', 'Total Cost': 1000, 'Plan Rows': 10, 'Hash Cond': '(o.customer_id = c.id)',
        Plans: [
          { 'Node Type': 'Seq Scan', 'Relation Name': 'shop_order', Alias: 'o', 'Total Cost': 900, 'Plan Rows': 100000 },
          { 'Node Type': 'Hash', 'Total Cost': 20, 'Plan Rows': 1, Plans: [{ 'Node Type': 'Index Scan', 'Relation Name': 'shop_customer', 'Index Name': 'c_email', 'Total Cost': 20, 'Plan Rows': 1 }] },
        ],
      },
    } as PlanJson;
    const t = planTree(doc);
    expect(t.selfCost).toBe(80);
    const scan = t.children[0]!;
    expect(scan.relation).toBe('shop_order o');
    expect(scan.costly).toBe(true);
    expect(scan.share).toBeCloseTo(0.9, 5);
    expect(t.details).toEqual(['Hash Cond: (o.customer_id = c.id)']);
    expect(t.children[1]!.children[0]!.costly).toBe(false);
  });
});

describe('duplicate indexes', () => {
  const ix = (name: string, columns: string[], extra: Partial<IndexInfo> = {}): IndexInfo => ({
    table: 't', name, columns, method: 'btree', unique: false, primary: false, special: false, valid: true, sizeBytes: 8192, definition: '', ...extra,
  });
  it('reports an index that is a leading prefix of another, or identical, once; never a unique one', () => {
    const found = findDuplicateIndexes([
      ix('a_status', ['status']),
      ix('a_status_created', ['status', 'created_at']),
      ix('b_x', ['x']),
      ix('c_x', ['x']),
      ix('u_y', ['y'], { unique: true }),
      ix('y_z', ['y', 'z']),
      ix('p_created', ['created_at'], { special: true }),
    ]);
    expect(found.map((d) => [d.name, d.coveredBy])).toEqual([
      ['a_status', 'a_status_created'],
      ['c_x', 'b_x'],
    ]);
  });
});
