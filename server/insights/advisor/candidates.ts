// Index candidates of one statement: the columns it filters on (WHERE), joins on
// (JOIN … ON / USING) and sorts by (ORDER BY), resolved to their tables through the
// statement's aliases and the catalog's column lists, from PostgreSQL's own parse tree.
// PgHero's suggestions read only single-table WHERE clauses; joins are candidates here.
import { parseSync } from 'libpg-query';
import { walk } from '../statement-info';

/** table → its columns, from the catalog */
export type Catalog = ReadonlyMap<string, ReadonlySet<string>>;

/** table → candidate columns, in the order the statement names them */
export type Candidates = Map<string, string[]>;

type Node = Record<string, unknown>;
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null;

export function candidateColumns(sql: string, catalog: Catalog): Candidates {
  let tree: unknown;
  try {
    tree = parseSync(sql);
  } catch {
    return new Map();
  }
  const nodes = [...walk(tree)];
  // alias (or bare table name) → table, for every table the statement reads
  const aliases = new Map<string, string>();
  for (const n of nodes) {
    const rv = n.RangeVar as Node | undefined;
    if (!rv) continue;
    const table = String(rv.relname);
    if (!catalog.has(table)) continue;
    aliases.set(table, table);
    const alias = (rv.alias as Node | undefined)?.aliasname;
    if (alias) aliases.set(String(alias), table);
  }
  const tablesInQuery = [...new Set(aliases.values())];

  // The expressions whose columns an index could serve.
  const roots: unknown[] = [];
  for (const n of nodes) {
    if (n.whereClause) roots.push(n.whereClause);
    const join = n.JoinExpr as Node | undefined;
    if (join?.quals) roots.push(join.quals);
    if (Array.isArray(n.sortClause)) roots.push(...(n.sortClause as Node[]).map((s) => (s.SortBy as Node | undefined)?.node));
  }
  const out: Candidates = new Map();
  const add = (table: string, column: string) => {
    const cols = out.get(table) ?? [];
    if (!cols.includes(column)) cols.push(column);
    out.set(table, cols);
  };
  for (const n of nodes) {
    // JOIN … USING (col): the column on every joined table that has it
    const join = n.JoinExpr as Node | undefined;
    for (const u of (join?.usingClause as Node[] | undefined) ?? []) {
      const col = String((u.String as Node | undefined)?.sval ?? '');
      for (const t of tablesInQuery) if (catalog.get(t)?.has(col)) add(t, col);
    }
  }
  for (const root of roots) {
    for (const n of walk(root)) {
      // A subquery's own clauses are visited as its own roots; here only plain column references.
      const ref = n.ColumnRef as Node | undefined;
      if (!ref) continue;
      const fields = ((ref.fields as Node[] | undefined) ?? []).map((f) => (isObj(f.String) ? String(f.String.sval) : null));
      if (fields.some((f) => f === null)) continue; // t.* has no column
      const column = fields.at(-1)!;
      if (fields.length >= 2) {
        const table = aliases.get(fields.at(-2)!);
        if (table && catalog.get(table)?.has(column)) add(table, column);
      } else {
        // Unqualified: the column of whichever table in the statement has it (all of them, if ambiguous).
        for (const t of tablesInQuery) if (catalog.get(t)?.has(column)) add(t, column);
      }
    }
  }
  return out;
}
