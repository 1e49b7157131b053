// The index advisor on a planted workload in a scratch database (real PostgreSQL with
// HypoPG): three statements each missing one index (a filter, a join, an order-by) and
// two that indexes already serve. The advisor must suggest exactly the three missing
// indexes; applying one goes through the migration runner as an online migration and
// lowers the measured cost; rolling it back removes the index again.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus, readHistory, rollback } from '../../server/data/migrations';
import { advise, type AdvisorQuery } from '../../server/insights/advisor/advise';
import { applyIndexSuggestion } from '../../server/insights/advisor/apply';
import { explainStatement, planCost, planTree, type PlanNode } from '../../server/insights/explain';
import { loadParser, statementInfo } from '../../server/insights/statement-info';
import { createScratchDb, type ScratchDb } from '../helpers/scratch-db';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../prisma/migrations');
await loadParser();
const OPTS = { minCost: 100, minSaving: 0.5 };
let db: ScratchDb;

const q = (text: string, values: unknown[]): AdvisorQuery => {
  const info = statementInfo(text);
  return { fingerprint: info.fingerprint, query: info.normalized, text, values };
};

// The planted workload: which index each statement misses (null: already served).
const FILTER = q('SELECT id, total FROM shop_order WHERE status = $1', ['s17']);
const JOIN = q('SELECT o.id, o.total FROM shop_customer c JOIN shop_order o ON o.customer_id = c.id WHERE c.email = $1', ['c42@example.test']);
const ORDER = q('SELECT id, total FROM shop_order ORDER BY created_at DESC LIMIT 20', []);
const BY_EMAIL = q('SELECT id, region FROM shop_customer WHERE email = $1', ['c7@example.test']); // unique index on email
const BY_RANGE = q('SELECT id, total FROM shop_order WHERE id BETWEEN $1 AND $2', [1000, 60000]); // costly, but the primary key serves it
const MISSING = new Map<AdvisorQuery, string | null>([
  [FILTER, 'shop_order(status)'],
  [JOIN, 'shop_order(customer_id)'],
  [ORDER, 'shop_order(created_at)'],
  [BY_EMAIL, null],
  [BY_RANGE, null],
]);
const key = (s: { table: string; columns: string[] }) => `${s.table}(${s.columns.join(', ')})`;

beforeAll(async () => {
  await loadParser();
  db = await createScratchDb('adv');
  await migrate(db.client, MIGRATIONS); // the real schema, so online migrations have their table
  await db.client.query(`
    CREATE TABLE shop_customer (id serial PRIMARY KEY, email text NOT NULL UNIQUE, region text NOT NULL);
    CREATE TABLE shop_order (id serial PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL, total numeric NOT NULL);
    INSERT INTO shop_customer (email, region) SELECT 'c' || i || '@example.test', 'r' || (i % 7) FROM generate_series(1, 5000) i;
    INSERT INTO shop_order (customer_id, status, created_at, total)
      SELECT 1 + (i * 7919) % 5000, 's' || (i % 400), timestamptz '2025-01-01' + (i * 97 % 100000) * interval '1 minute', i % 1000
        FROM generate_series(1, 120000) i;
    ANALYZE shop_customer; ANALYZE shop_order;`);
}, 180_000);

afterAll(async () => {
  await db?.drop();
});

describe('index advisor (planted workload)', () => {
  it('suggests exactly the missing indexes, with before/after costs, and nothing for the well-indexed statements', async () => {
    const { suggestions, verdicts } = await advise(db.client, [...MISSING.keys()], OPTS);
    const wanted = [...MISSING.values()].filter((v): v is string => v !== null).sort();
    expect(suggestions.map(key).sort()).toEqual(wanted);
    for (const s of suggestions) {
      for (const sq of s.queries) {
        expect(sq.before).toBeGreaterThanOrEqual(OPTS.minCost);
        expect(sq.after).toBeLessThanOrEqual(sq.before * (1 - OPTS.minSaving));
      }
    }
    // The join's suggestion is for the join column, found through the aliases.
    expect(suggestions.find((s) => s.queries.some((x) => x.fingerprint === JOIN.fingerprint))?.columns).toEqual(['customer_id']);
    const verdictOf = (a: AdvisorQuery) => verdicts.find((v) => v.fingerprint === a.fingerprint)!;
    expect(verdictOf(BY_EMAIL).outcome).toBe('cheap');
    expect(verdictOf(BY_RANGE).outcome).toMatch(/no-candidates|no-gain/);
    // Nothing built: hypothetical indexes leave no trace in the catalog.
    const { rows } = await db.client.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'shop_order'`);
    expect(rows.map((r) => r.indexname)).toEqual(['shop_order_pkey']);
  });

  // Property 3 (db-cache-infrastructure): index suggestion accuracy — for any subset of the
  // planted statements, the suggestions are exactly the indexes that subset is missing.
  // Property 1 (backend-optimization): query plan analysis identifies missing indexes.
  it('Property 3 / Property 1: suggestions match the missing indexes of any subset of the workload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...MISSING.keys()], { minLength: 1 }), async (subset) => {
        const { suggestions } = await advise(db.client, subset, OPTS);
        const wanted = [...new Set(subset.map((a) => MISSING.get(a)).filter((v): v is string => !!v))].sort();
        expect(suggestions.map(key).sort()).toEqual(wanted);
      }),
      { numRuns: 6 },
    );
  });

  it('applies a suggestion as an online migration through the runner, lowers the measured cost, and rolls back', async () => {
    const { suggestions } = await advise(db.client, [JOIN], OPTS);
    const s = suggestions[0]!;
    const res = await applyIndexSuggestion(db.client, MIGRATIONS, { table: s.table, columns: s.columns }, [JOIN], { createdBy: null, reason: 'planted join' });
    expect(res.migration).toMatch(/^online_\d{14}_advisor_shop_order_customer_id_idx$/);
    const [m] = res.queries;
    expect(m!.after!).toBeLessThan(m!.before!);
    expect(m!.after!).toBeLessThanOrEqual(m!.before! * (1 - OPTS.minSaving));

    // Property 2 (backend-optimization): join queries utilize indexes — with the index, the
    // join reaches shop_order through it instead of scanning the table.
    const plan = planTree(await explainStatement(db.client, JOIN.text, JOIN.values, { analyze: true, timeoutMs: 5000 }));
    const nodes: PlanNode[] = [];
    const visit = (n: PlanNode) => (nodes.push(n), n.children.forEach(visit));
    visit(plan);
    expect(nodes.some((n) => n.index === res.indexName)).toBe(true);
    expect(nodes.some((n) => n.nodeType.startsWith('Seq Scan') && n.relation?.startsWith('shop_order'))).toBe(false);

    // In the history like any migration (Property 31, schema version history), and the drift rules know it.
    const status = await migrationStatus(db.client, MIGRATIONS);
    expect(status.find((r) => r.name === res.migration)?.state).toBe('applied');
    const { rows: built } = await db.client.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)`, [res.indexName]);
    expect(built).toEqual([{ indisvalid: true }]);

    // The advisor no longer suggests what now exists.
    expect((await advise(db.client, [JOIN], OPTS)).suggestions).toEqual([]);

    const { rolledBack } = await rollback(db.client, MIGRATIONS);
    expect(rolledBack.map((r) => r.name)).toEqual([res.migration]);
    expect((await db.client.query(`SELECT to_regclass($1) AS r`, [res.indexName])).rows[0].r).toBeNull();
    expect((await readHistory(db.client)).some((h) => h.name === res.migration)).toBe(false);
    expect(planCost(await explainStatement(db.client, JOIN.text, JOIN.values, { analyze: false, timeoutMs: 5000 }))).toBeCloseTo(m!.before!, 0);
  });
});
