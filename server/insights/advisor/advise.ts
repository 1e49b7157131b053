// The index advisor (Property 3, db-cache-infrastructure; Properties 1–2, backend):
// Dexter's method on HypoPG. For each statement costing ≥ minCost, each candidate
// column (candidates.ts) is tried as a hypothetical btree index, then each ordered pair
// of candidates on one table; the cheapest plan wins (a pair only when it is clearly
// cheaper than the best single column), and it is suggested only when the estimated
// cost drops by ≥ minSaving. A candidate an existing index already covers (its columns
// are a leading prefix of a valid index's) is never tried, so never suggested.
// Hypothetical indexes live in this session only: nothing is built, nothing is written.
import type pg from 'pg';
import { ADVISOR_INDEX_PREFIX } from '../../data/migrations/schema-drift';
import { explainStatement, planCost } from '../explain';
import { candidateColumns, type Catalog } from './candidates';

export type AdvisorQuery = { fingerprint: string; query: string; text: string; values?: unknown[] };

export type AdvisorOptions = {
  /** Dexter: only statements whose estimated cost is at least this (100) */
  minCost: number;
  /** Dexter: only a drop of at least this fraction (0.5) */
  minSaving: number;
  /** statement_timeout of each EXPLAIN */
  timeoutMs?: number;
};

export type QueryVerdict = {
  fingerprint: string;
  query: string;
  before: number | null;
  after: number | null;
  outcome: 'suggested' | 'cheap' | 'no-gain' | 'no-candidates' | 'error';
  note: string | null;
  index: { table: string; columns: string[] } | null;
};

export type Suggestion = {
  table: string;
  columns: string[];
  indexName: string;
  createSql: string;
  dropSql: string;
  queries: { fingerprint: string; query: string; before: number; after: number }[];
  /** the largest relative drop among its queries, 0…1 */
  bestSaving: number;
};

export type AdvisorResult = { suggestions: Suggestion[]; verdicts: QueryVerdict[] };

const PAIR_MUST_BEAT = 0.9; // a two-column index must cost ≤ 90 % of the best single one to be preferred
const MAX_CANDIDATES_PER_TABLE = 8; // 8 singles + 56 pairs per table: bounded work per statement

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function indexNameFor(table: string, columns: string[]): string {
  const raw = `${ADVISOR_INDEX_PREFIX}${table}_${columns.join('_')}_idx`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  // PostgreSQL truncates names at 63 bytes; keep it unique-ish by cutting the middle.
  return raw.length <= 63 ? raw : `${raw.slice(0, 54)}_${raw.length.toString(36)}_idx`;
}

export function indexSql(table: string, columns: string[]): { name: string; createSql: string; dropSql: string } {
  const name = indexNameFor(table, columns);
  return {
    name,
    createSql: `CREATE INDEX CONCURRENTLY ${quoteIdent(name)} ON public.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')});`,
    dropSql: `DROP INDEX CONCURRENTLY IF EXISTS public.${quoteIdent(name)};`,
  };
}

/** Columns of the public tables, and each valid index's key columns, from the catalog. */
export async function readCatalog(client: pg.ClientBase): Promise<{ catalog: Catalog; indexes: { table: string; columns: string[] }[] }> {
  const cols = await client.query<{ t: string; c: string }>(
    `SELECT c.relname AS t, a.attname AS c FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')`,
  );
  const catalog = new Map<string, Set<string>>();
  for (const r of cols.rows) catalog.set(r.t, (catalog.get(r.t) ?? new Set()).add(r.c));
  const idx = await client.query<{ table: string; columns: string[] }>(
    `SELECT t.relname AS "table",
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum WHERE k.n <= i.indnkeyatts ORDER BY k.n) AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
      WHERE t.relnamespace = 'public'::regnamespace AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND am.amname = 'btree'`,
  );
  return { catalog, indexes: idx.rows };
}

/** An existing index serves these columns when they are a leading prefix of its key. */
export function coveredByExisting(table: string, columns: string[], indexes: { table: string; columns: string[] }[]): boolean {
  return indexes.some((i) => i.table === table && i.columns.length >= columns.length && columns.every((c, k) => i.columns[k] === c));
}

async function costWith(client: pg.ClientBase, q: AdvisorQuery, timeoutMs: number, hypo?: { table: string; columns: string[] }): Promise<number> {
  let oid: number | null = null;
  if (hypo) {
    const sql = `CREATE INDEX ON public.${quoteIdent(hypo.table)} (${hypo.columns.map(quoteIdent).join(', ')})`;
    const r = await client.query<{ indexrelid: number }>('SELECT indexrelid FROM hypopg_create_index($1)', [sql]);
    oid = r.rows[0]!.indexrelid;
  }
  try {
    return planCost(await explainStatement(client, q.text, q.values, { analyze: false, timeoutMs }));
  } finally {
    if (oid !== null) await client.query('SELECT hypopg_drop_index($1)', [oid]);
  }
}

/** Runs the advisor over `queries` on `client` (a session on the database they ran on, with the hypopg extension). */
export async function advise(client: pg.ClientBase, queries: AdvisorQuery[], opts: AdvisorOptions): Promise<AdvisorResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  await client.query('SELECT hypopg_reset()');
  const { catalog, indexes } = await readCatalog(client);
  const verdicts: QueryVerdict[] = [];
  for (const q of queries) {
    const v: QueryVerdict = { fingerprint: q.fingerprint, query: q.query, before: null, after: null, outcome: 'error', note: null, index: null };
    verdicts.push(v);
    try {
      const before = await costWith(client, q, timeoutMs);
      v.before = before;
      if (before < opts.minCost) {
        v.outcome = 'cheap';
        v.note = `estimated cost ${before.toFixed(1)} is under ${opts.minCost}`;
        continue;
      }
      const cands = [...candidateColumns(q.text, catalog)].map(([t, cols]) => [t, cols.slice(0, MAX_CANDIDATES_PER_TABLE)] as const);
      const tries: { table: string; columns: string[] }[] = [];
      for (const [table, cols] of cands) {
        for (const c of cols) tries.push({ table, columns: [c] });
      }
      for (const [table, cols] of cands) {
        for (const a of cols) for (const b of cols) if (a !== b) tries.push({ table, columns: [a, b] });
      }
      const open = tries.filter((t) => !coveredByExisting(t.table, t.columns, indexes));
      if (open.length === 0) {
        v.outcome = 'no-candidates';
        v.note = tries.length > 0 ? 'every candidate column is already the leading column of an index' : 'no WHERE, JOIN or ORDER BY column on a table';
        continue;
      }
      type Tried = { table: string; columns: string[]; cost: number };
      let bestSingle: Tried | null = null as Tried | null;
      let bestPair: Tried | null = null as Tried | null;
      for (const t of open) {
        const cost = await costWith(client, q, timeoutMs, t);
        if (t.columns.length === 1 && (!bestSingle || cost < bestSingle.cost)) bestSingle = { ...t, cost };
        if (t.columns.length === 2 && (!bestPair || cost < bestPair.cost)) bestPair = { ...t, cost };
      }
      const best = bestPair && (!bestSingle || bestPair.cost <= bestSingle.cost * PAIR_MUST_BEAT) ? bestPair : bestSingle!;
      v.after = best.cost;
      if (best.cost <= before * (1 - opts.minSaving)) {
        v.outcome = 'suggested';
        v.index = { table: best.table, columns: best.columns };
      } else {
        v.outcome = 'no-gain';
        v.note = `the best hypothetical index (${best.table}: ${best.columns.join(', ')}) only reaches ${best.cost.toFixed(1)} of ${before.toFixed(1)}`;
      }
    } catch (err) {
      v.outcome = 'error';
      v.note = err instanceof Error ? err.message : String(err);
    }
  }
  await client.query('SELECT hypopg_reset()');
  return { suggestions: groupSuggestions(verdicts), verdicts };
}

function groupSuggestions(verdicts: QueryVerdict[]): Suggestion[] {
  const byIndex = new Map<string, Suggestion>();
  for (const v of verdicts) {
    if (v.outcome !== 'suggested' || !v.index) continue;
    const { table, columns } = v.index;
    const sql = indexSql(table, columns);
    const s = byIndex.get(sql.name) ?? { table, columns, indexName: sql.name, createSql: sql.createSql, dropSql: sql.dropSql, queries: [], bestSaving: 0 };
    s.queries.push({ fingerprint: v.fingerprint, query: v.query, before: v.before!, after: v.after! });
    s.bestSaving = Math.max(s.bestSaving, 1 - v.after! / v.before!);
    byIndex.set(sql.name, s);
  }
  return [...byIndex.values()].sort((a, b) => b.bestSaving - a.bestSaving);
}
