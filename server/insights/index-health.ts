// The indexes that exist: which are never used (idx_scan = 0 on every node since the
// statistics were reset) and which duplicate another (the same leading columns as a
// longer index on the same table, so every query it serves the other serves too).
// Both cost writes and memory for nothing. Primary keys, unique indexes (they enforce
// something) and partial/expression indexes are left out of both lists.
import { insightsPool, nodeNames } from './node-pools';

export type IndexInfo = {
  table: string;
  name: string;
  columns: string[];
  method: string;
  unique: boolean;
  primary: boolean;
  /** partial or expression index */
  special: boolean;
  valid: boolean;
  sizeBytes: number;
  definition: string;
};

export async function readIndexes(node = 'primary'): Promise<IndexInfo[]> {
  const { rows } = await insightsPool(node).query<IndexInfo & { sizeBytes: string }>(
    `SELECT t.relname AS "table", ic.relname AS name, am.amname AS method, i.indisunique AS unique, i.indisprimary AS primary,
            (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL) AS special, i.indisvalid AS valid,
            pg_relation_size(ic.oid) AS "sizeBytes", pg_get_indexdef(ic.oid) AS definition,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                  WHERE k.n <= i.indnkeyatts ORDER BY k.n) AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam
      WHERE t.relnamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
}

export type DuplicateIndex = { table: string; name: string; columns: string[]; coveredBy: string; coveredByColumns: string[]; sizeBytes: number; identical: boolean };

/** Indexes whose key columns are a leading prefix of (or equal to) another btree index's on the same table. */
export function findDuplicateIndexes(indexes: IndexInfo[]): DuplicateIndex[] {
  const out: DuplicateIndex[] = [];
  const plain = indexes.filter((i) => !i.special && i.valid);
  for (const a of plain) {
    if (a.unique || a.primary || a.method !== 'btree') continue;
    const cover = plain.find(
      (b) =>
        b !== a && b.table === a.table && b.method === 'btree' && b.columns.length >= a.columns.length &&
        a.columns.every((c, k) => b.columns[k] === c) &&
        // Of two identical plain indexes, report only the later name, not both.
        (b.columns.length > a.columns.length || b.unique || b.primary || b.name < a.name),
    );
    if (cover) {
      out.push({ table: a.table, name: a.name, columns: a.columns, coveredBy: cover.name, coveredByColumns: cover.columns, sizeBytes: a.sizeBytes, identical: cover.columns.length === a.columns.length });
    }
  }
  return out;
}

export type UnusedIndex = { table: string; name: string; columns: string[]; sizeBytes: number; scansByNode: Record<string, number | null> };

export async function findUnusedIndexes(indexes: IndexInfo[]): Promise<{ unused: UnusedIndex[]; statsSince: Date | null }> {
  const scans = new Map<string, Record<string, number | null>>();
  let statsSince: Date | null = null;
  for (const node of nodeNames()) {
    try {
      const { rows } = await insightsPool(node).query<{ name: string; scans: string }>(
        `SELECT indexrelname AS name, idx_scan AS scans FROM pg_stat_user_indexes WHERE schemaname = 'public'`,
      );
      for (const r of rows) scans.set(r.name, { ...scans.get(r.name), [node]: Number(r.scans) });
      if (node === 'primary') {
        const s = await insightsPool(node).query<{ at: Date | null }>(
          `SELECT stats_reset AS at FROM pg_stat_database WHERE datname = current_database()`,
        );
        statsSince = s.rows[0]?.at ?? null;
      }
    } catch {
      // A node that is down: its scans are unknown (null), and nothing is called unused on its account.
      for (const i of indexes) scans.set(i.name, { ...scans.get(i.name), [node]: null });
    }
  }
  const unused = indexes
    .filter((i) => !i.unique && !i.primary && !i.special && i.valid)
    .map((i) => ({ table: i.table, name: i.name, columns: i.columns, sizeBytes: i.sizeBytes, scansByNode: scans.get(i.name) ?? {} }))
    .filter((i) => Object.values(i.scansByNode).every((n) => n === 0));
  return { unused, statsSince };
}
