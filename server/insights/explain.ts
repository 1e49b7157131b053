// EXPLAIN (FORMAT JSON) of a captured statement with its own parameters, and the plan
// as a tree the console can draw. ANALYZE executes the statement, so it is only used
// for read-only statements, inside a transaction that is always rolled back, under a
// statement_timeout: a slow SELECT can't become a second outage.
import type pg from 'pg';

export type PlanJson = Record<string, unknown> & { Plan: Record<string, unknown> };

export type ExplainOptions = { analyze: boolean; timeoutMs: number };

/** Runs EXPLAIN on `client` (not an app pool client: never captured). Returns the plan document. */
export async function explainStatement(client: pg.ClientBase, text: string, values: unknown[] | undefined, opts: ExplainOptions): Promise<PlanJson> {
  const options = opts.analyze ? 'ANALYZE, BUFFERS, FORMAT JSON' : 'FORMAT JSON';
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.round(opts.timeoutMs)}`);
    const res = await client.query<{ 'QUERY PLAN': PlanJson[] }>({ text: `EXPLAIN (${options}) ${text}`, values: values ?? [] });
    const doc = res.rows[0]?.['QUERY PLAN']?.[0];
    if (!doc?.Plan) throw new Error('EXPLAIN returned no plan');
    return doc;
  } finally {
    // Always rolled back: an ANALYZE'd statement leaves nothing behind.
    await client.query('ROLLBACK').catch(() => {});
  }
}

/** The planner's estimated total cost of the whole statement. */
export function planCost(doc: PlanJson): number {
  return Number(doc.Plan['Total Cost'] ?? 0);
}

export type PlanNode = {
  id: number;
  nodeType: string;
  relation: string | null;
  index: string | null;
  /** Filter, Index Cond, Hash Cond, Sort Key… as "label: text" lines */
  details: string[];
  totalCost: number;
  /** this node's own share of the cost: its total minus its children's */
  selfCost: number;
  planRows: number;
  actualRows: number | null;
  loops: number | null;
  /** this node's own time (actual total × loops minus its children's), ms; null without ANALYZE */
  selfMs: number | null;
  /** self cost (or self time with ANALYZE) over the plan's, 0…1 */
  share: number;
  /** the nodes that make up most of the cost: share ≥ 0.3, or the largest when none does */
  costly: boolean;
  children: PlanNode[];
};

const DETAIL_KEYS = ['Index Cond', 'Recheck Cond', 'Filter', 'Join Filter', 'Hash Cond', 'Merge Cond', 'Sort Key', 'Group Key', 'Rows Removed by Filter'];
const COSTLY_SHARE = 0.3;

export function planTree(doc: PlanJson): PlanNode {
  let next = 0;
  const build = (p: Record<string, unknown>): PlanNode => {
    const children = ((p.Plans as Record<string, unknown>[] | undefined) ?? []).map(build);
    const totalCost = Number(p['Total Cost'] ?? 0);
    const loops = p['Actual Loops'] === undefined ? null : Number(p['Actual Loops']);
    const timeTotal = p['Actual Total Time'] === undefined ? null : Number(p['Actual Total Time']) * (loops ?? 1);
    const childTime = children.reduce((s, c) => s + (c.selfMs === null ? 0 : inclusiveMs(c)), 0);
    const details = DETAIL_KEYS.filter((k) => p[k] !== undefined).map((k) => `${k}: ${Array.isArray(p[k]) ? (p[k] as unknown[]).join(', ') : String(p[k])}`);
    return {
      id: next++,
      nodeType: String(p['Node Type'] ?? '?') + (p['Join Type'] && p['Node Type'] !== 'Hash' ? ` (${String(p['Join Type'])})` : ''),
      relation: p['Relation Name'] ? `${String(p['Relation Name'])}${p.Alias && p.Alias !== p['Relation Name'] ? ` ${String(p.Alias)}` : ''}` : null,
      index: p['Index Name'] ? String(p['Index Name']) : null,
      details,
      totalCost,
      selfCost: Math.max(0, totalCost - children.reduce((s, c) => s + c.totalCost, 0)),
      planRows: Number(p['Plan Rows'] ?? 0),
      actualRows: p['Actual Rows'] === undefined ? null : Number(p['Actual Rows']),
      loops,
      selfMs: timeTotal === null ? null : Math.max(0, timeTotal - childTime),
      share: 0,
      costly: false,
      children,
      ...(timeTotal === null ? {} : { _inclusive: timeTotal }),
    } as PlanNode;
  };
  const root = build(doc.Plan);
  const all: PlanNode[] = [];
  const collect = (n: PlanNode) => {
    all.push(n);
    n.children.forEach(collect);
  };
  collect(root);
  const timed = all.every((n) => n.selfMs !== null);
  const weight = (n: PlanNode) => (timed ? n.selfMs! : n.selfCost);
  const sum = all.reduce((s, n) => s + weight(n), 0) || 1;
  for (const n of all) {
    n.share = weight(n) / sum;
    delete (n as { _inclusive?: number })._inclusive;
  }
  const max = all.reduce((m, n) => (weight(n) > weight(m) ? n : m), root);
  for (const n of all) n.costly = n.share >= COSTLY_SHARE;
  if (!all.some((n) => n.costly)) max.costly = true;
  return root;
}

function inclusiveMs(n: PlanNode): number {
  return (n as PlanNode & { _inclusive?: number })._inclusive ?? 0;
}
