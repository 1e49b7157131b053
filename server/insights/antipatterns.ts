// Statement anti-patterns from the backend design's database properties, found in what
// capture saw:
//  - Property 3: SELECT * (name the columns: fewer bytes, and a covering index can serve it)
//  - Property 4: OFFSET pagination on a large table (each page rescans every row before
//    it: use a keyset cursor on a unique sortable column)
//  - Property 5: aggregates computed in application code, where detectable: a statement
//    that fetches many rows per call, unbounded, with no aggregate or GROUP BY in SQL.
import type { CapturedStatement } from './capture';
import { insightsPool } from './node-pools';

export type AntipatternKind = 'select-star' | 'offset-pagination' | 'app-aggregate';

export type Antipattern = {
  kind: AntipatternKind;
  node: string;
  fingerprint: string;
  query: string;
  calls: number;
  route: string | null;
  detail: string;
  hint: string;
};

/** Rows fetched per call, with no LIMIT and no aggregate, from which we suspect counting in code. */
export const APP_AGGREGATE_ROWS = 1000;

export function findAntipatterns(entries: CapturedStatement[], tableRows: ReadonlyMap<string, number>, largeTableRows: number): Antipattern[] {
  const out: Antipattern[] = [];
  for (const e of entries) {
    const i = e.info;
    if (i.command !== 'select') continue;
    const base = { node: e.node, fingerprint: e.fingerprint, query: i.normalized, calls: e.calls, route: e.examples.at(-1)?.route ?? null };
    if (i.selectStar) {
      out.push({ ...base, kind: 'select-star', detail: 'selects * instead of naming its columns', hint: 'Name the columns the caller uses (Prisma: select: { … }).' });
    }
    if (i.offset && offsetUsed(e)) {
      const big = i.tables.map((t) => [t, tableRows.get(t) ?? 0] as const).filter(([, n]) => n >= largeTableRows);
      if (big.length > 0) {
        out.push({
          ...base,
          kind: 'offset-pagination',
          detail: `OFFSET over ${big.map(([t, n]) => `${t} (~${Math.round(n).toLocaleString('en-IN')} rows)`).join(', ')}`,
          hint: 'Page with a keyset cursor: WHERE (sort_key, id) < ($last_sort, $last_id) ORDER BY sort_key DESC, id DESC LIMIT n.',
        });
      }
    }
    const perCall = e.calls ? e.rows / e.calls : 0;
    if (!i.aggregates && !i.limit && perCall >= APP_AGGREGATE_ROWS) {
      out.push({
        ...base,
        kind: 'app-aggregate',
        detail: `fetches ~${Math.round(perCall).toLocaleString('en-IN')} rows per call with no LIMIT and no aggregate`,
        hint: 'If the code counts, sums or averages these rows, let the database do it: COUNT/SUM/AVG … GROUP BY (Prisma: count, aggregate, groupBy).',
      });
    }
  }
  return out;
}

/** Whether the OFFSET skips rows: a constant above 0, or a parameter above 0 in a recent example (unknown: assume so). */
function offsetUsed(e: CapturedStatement): boolean {
  const by = e.info.offsetBy;
  if (!by) return true;
  if ('value' in by) return by.value > 0;
  const seen = e.examples.map((x) => x.values?.[by.param - 1]).filter((v) => v !== undefined);
  return seen.length === 0 || seen.some((v) => Number(v) > 0);
}

/** Estimated row counts of the public tables on the primary (pg_class.reltuples). */
export async function tableRowEstimates(): Promise<Map<string, number>> {
  const { rows } = await insightsPool('primary').query<{ name: string; n: number }>(
    `SELECT c.relname AS name, GREATEST(c.reltuples, 0)::float8 AS n FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')`,
  );
  return new Map(rows.map((r) => [r.name, r.n]));
}
