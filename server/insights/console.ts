// The ops console's Queries and Indexes pages as services: top statements, slow log
// and plans, N+1 reports and anti-patterns; index suggestions (run on demand, the last
// run kept), applying one (audit-logged), unused and duplicate indexes.
import pg from 'pg';
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib/app-error';
import { remember } from '../lib/remember';
import { advise, type AdvisorQuery, type AdvisorResult } from './advisor/advise';
import { applyIndexSuggestion, type ApplyResult } from './advisor/apply';
import { findAntipatterns, tableRowEstimates } from './antipatterns';
import { findDuplicateIndexes, findUnusedIndexes, readIndexes } from './index-health';
import { MIGRATIONS_DIR } from './migrations-console';
import { nPlusOneReports } from './n-plus-one';
import { insightsPool, nodeNames, urlOf } from './node-pools';
import { insightsSettings, statementStore } from './runtime';
import { listSlowQueries, slowQueryPlan } from './slow-log';
import { loadParser } from './statement-info';
import { topStatements, type TopOrder } from './top-statements';

export const ZTopStatementsInput = z
  .object({
    node: z.string().regex(/^(primary|replica\d+)$/).optional(),
    order: z.enum(['total', 'mean', 'calls']).default('total'),
    limit: z.number().int().min(1).max(200).default(25), // a page the console can render
  })
  .strict();

export async function queriesOverview(input: z.infer<typeof ZTopStatementsInput>) {
  await loadParser();
  if (input.node && !nodeNames().includes(input.node)) throw new AppError('BAD_REQUEST', `No database node "${input.node}"`);
  const [nodes, slow, rows] = await Promise.all([
    topStatements(statementStore, { node: input.node, order: input.order as TopOrder, limit: input.limit }),
    listSlowQueries(50),
    tableRowEstimates().catch(() => new Map<string, number>()),
  ]);
  return {
    settings: { capture: insightsSettings.capture, slowMs: insightsSettings.slowMs, nPlusOne: insightsSettings.nPlusOne },
    capturingSince: statementStore.since,
    dropped: statementStore.dropped,
    nodes,
    slow,
    nPlusOne: nPlusOneReports().slice(0, 50),
    antipatterns: findAntipatterns(statementStore.list(), rows, insightsSettings.largeTableRows),
  };
}

export const ZSlowPlanInput = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a slow query id') }).strict();

export async function slowPlan({ id }: z.infer<typeof ZSlowPlanInput>) {
  const plan = await slowQueryPlan(id);
  if (!plan) throw new AppError('NOT_FOUND', `No slow query ${id}`);
  return plan;
}

// ── Index advisor ──────────────────────────────────────────────────────────────

const MAX_ADVISED = 60; // statements per run, the costliest first: bounded work on the primary

type AdvisorState = { last: (AdvisorResult & { at: number; statements: number }) | null; running: Promise<unknown> | null; queries: Map<string, AdvisorQuery> };
const advisorState = remember<AdvisorState>('insights:advisor', () => ({ last: null, running: null, queries: new Map() }));

/** The captured statements worth advising on: reads and writes with a WHERE/ORDER BY, each with its latest example. */
export function advisorQueries(): AdvisorQuery[] {
  const byFp = new Map<string, { q: AdvisorQuery; totalMs: number }>();
  for (const s of statementStore.list()) {
    if (!['select', 'update', 'delete'].includes(s.info.command)) continue;
    const ex = s.examples.at(-1);
    if (!ex) continue;
    const prev = byFp.get(s.fingerprint);
    const totalMs = (prev?.totalMs ?? 0) + s.totalMs;
    byFp.set(s.fingerprint, { q: prev?.q ?? { fingerprint: s.fingerprint, query: s.info.normalized, text: ex.text, values: ex.values }, totalMs });
  }
  return [...byFp.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, MAX_ADVISED).map((x) => x.q);
}

export function lastAdvice() {
  const last = advisorState.last;
  return {
    settings: insightsSettings.advisor,
    running: advisorState.running !== null,
    last: last && { at: last.at, statements: last.statements, suggestions: last.suggestions, verdicts: last.verdicts },
  };
}

/** Runs the advisor over the captured statements on the primary; one run at a time. */
export async function runAdvisor() {
  await loadParser();
  if (!advisorState.running) {
    const queries = advisorQueries();
    advisorState.running = (async () => {
      const client = await insightsPool('primary').connect();
      try {
        const result = await advise(client, queries, { ...insightsSettings.advisor, timeoutMs: insightsSettings.explainTimeoutMs });
        advisorState.last = { ...result, at: Date.now(), statements: queries.length };
        advisorState.queries = new Map(queries.map((q) => [q.fingerprint, q]));
      } finally {
        client.release();
        advisorState.running = null;
      }
    })();
  }
  await advisorState.running;
  return lastAdvice();
}

export const ZApplyIndexInput = z
  .object({
    table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a table name'),
    columns: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a column name')).min(1).max(2), // the advisor tries one and two columns
    reason: z.string().trim().min(3, 'Say why, in a few words').max(500), // one line of the audit log
  })
  .strict();

export async function applyIndex(db: Db, actor: Actor, input: z.infer<typeof ZApplyIndexInput>): Promise<ApplyResult & { audited: boolean }> {
  const suggestion = advisorState.last?.suggestions.find((s) => s.table === input.table && s.columns.join(',') === input.columns.join(','));
  // The statements to measure again: the suggestion's, with their examples' parameters.
  const queries = (suggestion?.queries ?? []).flatMap((q) => {
    const a = advisorState.queries.get(q.fingerprint);
    return a ? [{ ...a, before: q.before }] : [];
  });
  const client = new pg.Client({ connectionString: urlOf('primary'), application_name: 'afirgen-insights' });
  await client.connect();
  client.on('error', () => {});
  let result: ApplyResult;
  try {
    result = await applyIndexSuggestion(client, MIGRATIONS_DIR, input, queries, {
      createdBy: actor.kind === 'user' ? actor.userId : null,
      timeoutMs: insightsSettings.explainTimeoutMs,
      reason: input.reason,
    });
  } finally {
    await client.end().catch(() => {});
  }
  const audited = await recordAudit(db, actor, {
    action: 'index.apply',
    target: `index:${result.indexName}`,
    details: { reason: input.reason, table: input.table, columns: input.columns, migration: result.migration, queries: result.queries },
  });
  if (advisorState.last) {
    advisorState.last.suggestions = advisorState.last.suggestions.filter((s) => s.indexName !== result.indexName);
  }
  return { ...result, audited };
}

export async function indexHealth() {
  const indexes = await readIndexes();
  const { unused, statsSince } = await findUnusedIndexes(indexes);
  return { unused, duplicates: findDuplicateIndexes(indexes), statsSince, total: indexes.length };
}
