// The slow query log (Property 2, db-cache-infrastructure): a statement slower than
// INSIGHTS_SLOW_MS is queued by the capture listener and, off the request path, given
// its plan (explain.ts) and stored in insights_slow_query. The queue is bounded (a
// burst of slow statements drops the excess, counted) and a fingerprint is explained at
// most once a minute per node: later occurrences reuse that plan, so a slow statement
// repeated a thousand times costs one EXPLAIN, not a thousand.
import { logger } from '../observability';
import { remember } from '../lib/remember';
import type { SlowStatement } from './capture';
import { explainStatement, planTree, type PlanJson, type PlanNode } from './explain';
import { insightsPool } from './node-pools';

const QUEUE_MAX = 200;
const REPLAN_AFTER_MS = 60_000;
const KEEP_DAYS = 7; // rows older than this are deleted as new ones arrive

type Plan = { plan: PlanJson | null; analyzed: boolean; error: string | null; at: number };

type State = {
  queue: SlowStatement[];
  running: boolean;
  dropped: number;
  recorded: number;
  lastPlans: Map<string, Plan>;
  idle: (() => void)[];
};

const state = remember<State>('insights:slow-log', () => ({ queue: [], running: false, dropped: 0, recorded: 0, lastPlans: new Map(), idle: [] }));

let settings = { explainTimeoutMs: 5000 };
export function configureSlowLog(s: { explainTimeoutMs: number }): void {
  settings = s;
}

/** Called on the request path: only pushes onto the queue. */
export function enqueueSlow(s: SlowStatement): void {
  if (state.queue.length >= QUEUE_MAX) {
    state.dropped++;
    return;
  }
  state.queue.push(s);
  if (!state.running) {
    state.running = true;
    setImmediate(() => void drain());
  }
}

async function drain(): Promise<void> {
  try {
    for (let s = state.queue.shift(); s; s = state.queue.shift()) {
      try {
        await record(s);
      } catch (err) {
        logger.warn({ err, fingerprint: s.info.fingerprint }, 'slow query not recorded');
      }
    }
  } finally {
    state.running = false;
    for (const f of state.idle.splice(0)) f();
  }
}

/** Resolves once the queue is empty (tests, and shutdown). */
export function slowLogIdle(): Promise<void> {
  if (!state.running && state.queue.length === 0) return Promise.resolve();
  return new Promise((r) => state.idle.push(r));
}

async function planFor(s: SlowStatement): Promise<Plan> {
  const key = `${s.node}\u0000${s.info.fingerprint}`;
  const last = state.lastPlans.get(key);
  if (last && Date.now() - last.at < REPLAN_AFTER_MS) return last;
  if (!['select', 'insert', 'update', 'delete'].includes(s.info.command)) {
    // BEGIN, COMMIT, DDL…: logged for their time, but EXPLAIN has nothing to say about them.
    return { plan: null, analyzed: false, error: `no plan for a ${s.info.command} statement`, at: Date.now() };
  }
  const analyze = s.info.readOnly;
  const client = await insightsPool(s.node).connect();
  let plan: Plan;
  try {
    const doc = await explainStatement(client, s.example.text, s.example.values, { analyze, timeoutMs: settings.explainTimeoutMs });
    plan = { plan: doc, analyzed: analyze, error: null, at: Date.now() };
  } catch (err) {
    plan = { plan: null, analyzed: false, error: err instanceof Error ? err.message : String(err), at: Date.now() };
  } finally {
    client.release();
  }
  if (state.lastPlans.size > 1000) state.lastPlans.clear();
  state.lastPlans.set(key, plan);
  return plan;
}

async function record(s: SlowStatement): Promise<void> {
  const p = await planFor(s);
  const primary = insightsPool('primary');
  await primary.query(
    `INSERT INTO insights_slow_query (at, node, fingerprint, query, duration_ms, route, correlation_id, plan, analyzed, plan_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [new Date(s.example.at), s.node, s.info.fingerprint, s.info.normalized, s.example.durationMs, s.example.route, s.example.correlationId, p.plan ? JSON.stringify(p.plan) : null, p.analyzed, p.error],
  );
  if (++state.recorded % 100 === 0) {
    await primary.query(`DELETE FROM insights_slow_query WHERE at < now() - interval '${KEEP_DAYS} days'`);
  }
}

export type SlowQueryRow = {
  id: string;
  at: Date;
  node: string;
  fingerprint: string;
  query: string;
  durationMs: number;
  route: string | null;
  correlationId: string | null;
  analyzed: boolean;
  planError: string | null;
  hasPlan: boolean;
};

export async function listSlowQueries(limit: number): Promise<{ rows: SlowQueryRow[]; dropped: number; queued: number }> {
  const { rows } = await insightsPool('primary').query<SlowQueryRow>(
    `SELECT id::text, at, node, fingerprint, query, duration_ms AS "durationMs", route, correlation_id AS "correlationId",
            analyzed, plan_error AS "planError", plan IS NOT NULL AS "hasPlan"
       FROM insights_slow_query ORDER BY at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return { rows, dropped: state.dropped, queued: state.queue.length };
}

export async function slowQueryPlan(id: string): Promise<{ row: SlowQueryRow; tree: PlanNode | null; planningMs: number | null; executionMs: number | null } | null> {
  const { rows } = await insightsPool('primary').query<SlowQueryRow & { plan: PlanJson | null }>(
    `SELECT id::text, at, node, fingerprint, query, duration_ms AS "durationMs", route, correlation_id AS "correlationId",
            analyzed, plan_error AS "planError", plan IS NOT NULL AS "hasPlan", plan
       FROM insights_slow_query WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const { plan, ...row } = r;
  return {
    row,
    tree: plan ? planTree(plan) : null,
    planningMs: plan?.['Planning Time'] === undefined ? null : Number(plan['Planning Time']),
    executionMs: plan?.['Execution Time'] === undefined ? null : Number(plan['Execution Time']),
  };
}
