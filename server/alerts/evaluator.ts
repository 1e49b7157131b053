// The alert evaluator: every interval it scrapes the app processes' /api/metrics (as
// Prometheus would), reads replication lag from the primary, answers each enabled
// rule's metric query over the window, steps the rule's state (state.ts), stores
// firing/resolved events and posts undelivered events to the webhook.
// Meant to run in one process per deployment (the worker): two evaluators would each
// record the same transitions.
//
//   const evaluator = startAlertEvaluator({ intervalMs: 15_000 });
//   …
//   await evaluator.stop();
import { db as primaryDb, type Db } from '../data';
import { env } from '../env';
import { scrapeMetrics, type Sample } from '../observability/exposition';
import { logger } from '../observability/logger';
import { computeMetrics, isMetricName, METRIC_QUERIES, type MetricName, type Scrape } from '../observability/metric-queries';
import { readReplicaLagSeconds } from '../observability/replica-lag';
import { initialState, step, type RuleState } from './state';
import { deliverPending } from './webhook';

export type AlertEvaluatorOptions = {
  /** /api/metrics URLs to scrape; default ALERT_METRICS_URLS, else this app's own */
  metricsUrls?: string[];
  /** default ALERT_EVAL_INTERVAL_SECONDS */
  intervalMs?: number;
  /** rates and quantiles are over this window; default ALERT_WINDOW_SECONDS */
  windowMs?: number;
  /** default ALERT_WEBHOOK_URL; null: no webhook */
  webhookUrl?: string | null;
  /** where rules and events live and replication lag is read; default the primary */
  db?: Db;
  /** evaluate only these rules (tests; several evaluators sharing the rules) */
  ruleIds?: string[];
  /** false: the first evaluation waits for the interval instead of running at once */
  runAtStart?: boolean;
};

export type RuleResult = { ruleId: string; name: string; metric: string; value: number | null; firing: boolean; transition: 'firing' | 'resolved' | null };
export type EvaluationReport = { at: Date; scraped: number; failedScrapes: string[]; values: Record<MetricName, number | null>; rules: RuleResult[] };

export type AlertEvaluator = {
  /** one evaluation now (also what the timer runs); evaluations never overlap */
  evaluateNow(): Promise<EvaluationReport>;
  stop(): Promise<void>;
};

const SCRAPE_TIMEOUT_MS = 5_000;

export function defaultMetricsUrls(): string[] {
  const given = (env.ALERT_METRICS_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return given.length ? given : [`http://${env.HOST}:${env.PORT}/api/metrics`];
}

const scrape = (url: string) => scrapeMetrics(url, SCRAPE_TIMEOUT_MS);

const fmt = (metric: MetricName, v: number | null): string => {
  if (v === null) return 'no data';
  const unit = METRIC_QUERIES[metric].unit;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)} %`;
  if (unit === 'seconds') return v < 1 ? `${(v * 1000).toFixed(0)} ms` : `${v.toFixed(2)} s`;
  return `${Math.round(v * 100) / 100}${unit === 'req/s' ? ' req/s' : ''}`;
};

export function alertMessage(rule: { name: string; metric: MetricName; comparator: string; threshold: number }, state: 'firing' | 'resolved', value: number | null): string {
  const label = METRIC_QUERIES[rule.metric].label;
  const cond = `${rule.comparator} ${fmt(rule.metric, rule.threshold)}`;
  return state === 'firing'
    ? `${rule.name}: ${label} is ${fmt(rule.metric, value)} (threshold: ${cond})`
    : `${rule.name} resolved: ${label} is ${fmt(rule.metric, value)} (threshold: ${cond})`;
}

export function startAlertEvaluator(opts: AlertEvaluatorOptions = {}): AlertEvaluator {
  const db = opts.db ?? primaryDb;
  const urls = opts.metricsUrls ?? defaultMetricsUrls();
  const intervalMs = opts.intervalMs ?? env.ALERT_EVAL_INTERVAL_SECONDS * 1000;
  const windowMs = opts.windowMs ?? env.ALERT_WINDOW_SECONDS * 1000;
  const webhookUrl = opts.webhookUrl === undefined ? (env.ALERT_WEBHOOK_URL ?? null) : opts.webhookUrl;
  const log = logger.child({ component: 'alerts' });

  const history: Scrape[] = [];
  const states = new Map<string, RuleState>();
  let running: Promise<EvaluationReport> | null = null;
  let stopped = false;

  async function evaluate(): Promise<EvaluationReport> {
    const now = Date.now();
    const results = await Promise.allSettled(urls.map(scrape));
    const failedScrapes: string[] = [];
    const samples: Sample[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') samples.push(...r.value);
      else {
        failedScrapes.push(urls[i]!);
        log.warn({ err: r.reason, url: urls[i] }, 'metrics scrape failed');
      }
    });
    const scraped = failedScrapes.length < urls.length;
    const curr: Scrape = { at: now, samples };
    // A run whose scrapes all failed is not history: rates over it would be made up.
    if (scraped) history.push(curr);
    // Keep one scrape at or just beyond the window's start, and everything after it.
    while (history.length > 2 && history[1]!.at <= now - windowMs) history.shift();
    const prev = scraped && history.length > 1 ? history[0] : undefined;

    let replicaLagSeconds: number | null = null;
    try {
      replicaLagSeconds = await readReplicaLagSeconds(db);
    } catch (err) {
      log.warn({ err }, 'replication lag not readable');
    }
    const values = computeMetrics({ prev, curr, replicaLagSeconds });

    const rules = await db.alertRule.findMany({
      where: opts.ruleIds ? { id: { in: opts.ruleIds } } : {},
      include: { events: { orderBy: { at: 'desc' }, take: 1, select: { state: true } } },
    });
    const out: RuleResult[] = [];
    for (const rule of rules) {
      if (!isMetricName(rule.metric)) {
        log.warn({ rule: rule.name, metric: rule.metric }, 'alert rule names an unknown metric; skipped');
        continue;
      }
      const metric = rule.metric;
      // The stored state wins on the first look (a restarted evaluator continues where it was).
      const stored = rule.events[0]?.state === 'firing';
      let state = states.get(rule.id) ?? initialState(stored);
      if (state.firing !== stored) state = initialState(stored);
      const value = values[metric];
      let transition: RuleResult['transition'] = null;
      if (!scraped && !(metric === 'replica_lag_seconds' && replicaLagSeconds !== null)) {
        // Every scrape failed: this metric is unknown, not gone. Neither fire nor resolve.
        states.set(rule.id, state);
        out.push({ ruleId: rule.id, name: rule.name, metric, value: null, firing: state.firing, transition: null });
        continue;
      }
      if (!rule.enabled) {
        if (state.firing) transition = 'resolved';
        state = initialState(false);
      } else {
        const next = step({ comparator: rule.comparator as 'above' | 'below', threshold: rule.threshold, forSeconds: rule.forSeconds }, state, value, now);
        state = next.state;
        transition = next.transition;
      }
      states.set(rule.id, state);
      if (transition) {
        const r = { name: rule.name, metric, comparator: rule.comparator, threshold: rule.threshold };
        const message = rule.enabled ? alertMessage(r, transition, value) : `${rule.name} resolved: the rule was disabled`;
        await db.alertEvent.create({ data: { ruleId: rule.id, state: transition, metric, value, threshold: rule.threshold, message, at: new Date(now) } });
        log[transition === 'firing' ? (rule.severity === 'critical' ? 'error' : 'warn') : 'info'](
          { alert: { rule: rule.name, state: transition, metric, value, threshold: rule.threshold, severity: rule.severity } },
          message,
        );
      }
      out.push({ ruleId: rule.id, name: rule.name, metric, value, firing: state.firing, transition });
    }
    for (const id of states.keys()) if (!rules.some((r) => r.id === id)) states.delete(id);

    if (webhookUrl) await deliverPending(db, webhookUrl, { ruleIds: opts.ruleIds, log });
    return { at: new Date(now), scraped: urls.length - failedScrapes.length, failedScrapes, values, rules: out };
  }

  function evaluateNow(): Promise<EvaluationReport> {
    // Runs never overlap: a caller during a run waits for it, then gets its own.
    const run: Promise<EvaluationReport> = (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => evaluate())
      .finally(() => {
        if (running === run) running = null;
      });
    running = run;
    return run;
  }

  const tick = () => {
    if (stopped) return;
    evaluateNow()
      .catch((err: unknown) => log.error({ err }, 'alert evaluation failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(tick, opts.runAtStart === false ? intervalMs : 0);

  return {
    evaluateNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
