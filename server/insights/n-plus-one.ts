// N+1 detection (Property 4, db-cache-infrastructure), Sentry's rule: within one
// request, the same statement fingerprint run ≥ 5 times taking ≥ 50 ms in total (both
// configurable) is reported with the route, the count, an example and a hint. The
// request's tally lives in its request-context slot, so nothing has to run when the
// request ends: a report is made the moment a request crosses the rule and updated as
// more repeats arrive.
import { remember } from '../lib/remember';
import { contextSlot, type RequestContext } from '../lib/request-context';
import type { StatementExample } from './capture';
import type { StatementInfo } from './statement-info';

export type NPlusOneReport = {
  route: string;
  fingerprint: string;
  normalized: string;
  /** the most repeats seen in one request */
  maxCount: number;
  /** total time of those repeats in that request, ms */
  maxTotalMs: number;
  /** how many requests crossed the rule */
  requests: number;
  lastAt: number;
  example: { text: string; correlationId: string };
  hint: string;
};

type Tally = { count: number; totalMs: number; report?: NPlusOneReport };
type RequestTallies = Map<string, Tally>;

const slot = contextSlot<RequestTallies>('insights:n-plus-one');
const MAX_REPORTS = 500; // distinct (route, statement) pairs kept
// On globalThis: Next's bundled copy of server/ (server components) reads the same reports.
const reports = remember('insights:n-plus-one', () => new Map<string, NPlusOneReport>());

/** The pure rule, so it can be tested on its own. */
export function isNPlusOne(count: number, totalMs: number, rule: { minCount: number; minTotalMs: number }): boolean {
  return count >= rule.minCount && totalMs >= rule.minTotalMs;
}

export function hintFor(info: StatementInfo, normalized = info.normalized): string {
  const column = /WHERE\s+(?:"?\w+"?\.)?"?(\w+)"?\s*=\s*\$\d+/i.exec(normalized)?.[1];
  if (info.command === 'select') {
    return column
      ? `Load them in one query: WHERE "${column}" IN (…) (Prisma: findMany({ where: { ${column}: { in: ids } } })), or include the relation in the parent query.`
      : 'Load them in one query with IN (…) over the ids collected first, or include the relation in the parent query.';
  }
  if (info.command === 'insert') return 'Write them in one statement: createMany / INSERT … VALUES (…), (…).';
  if (info.command === 'update' || info.command === 'delete') return `Do it in one statement: ${info.command}Many with an IN (…) filter.`;
  return 'Batch the repeated statement into one.';
}

export function observeForNPlusOne(ctx: RequestContext, info: StatementInfo, ex: StatementExample, rule: { minCount: number; minTotalMs: number }): void {
  if (info.command === 'utility' || info.command === 'unknown') return; // BEGIN/COMMIT repeat by design
  const tallies = slot.getOrInit(() => new Map());
  if (!tallies) return;
  let t = tallies.get(info.fingerprint);
  if (!t) {
    t = { count: 0, totalMs: 0 };
    tallies.set(info.fingerprint, t);
  }
  t.count++;
  t.totalMs += ex.durationMs;
  if (!isNPlusOne(t.count, t.totalMs, rule)) return;
  const route = ctx.route ?? `(${ctx.kind})`;
  if (!t.report) {
    const key = `${route}\u0000${info.fingerprint}`;
    let r = reports.get(key);
    if (!r) {
      if (reports.size >= MAX_REPORTS) reports.delete(reports.keys().next().value as string);
      r = { route, fingerprint: info.fingerprint, normalized: info.normalized, maxCount: 0, maxTotalMs: 0, requests: 0, lastAt: 0, example: { text: ex.text, correlationId: ctx.correlationId }, hint: hintFor(info) };
      reports.set(key, r);
    }
    r.requests++;
    t.report = r;
  }
  const r = t.report;
  r.lastAt = ex.at;
  if (t.count > r.maxCount) {
    r.maxCount = t.count;
    r.maxTotalMs = t.totalMs;
    r.example = { text: ex.text, correlationId: ctx.correlationId };
  }
}

export function nPlusOneReports(): NPlusOneReport[] {
  return [...reports.values()].sort((a, b) => b.lastAt - a.lastAt);
}

export function clearNPlusOneReports(): void {
  reports.clear();
}
