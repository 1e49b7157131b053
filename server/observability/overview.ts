// The console's live overview: every STEP_MS this process reads its own registry (the
// same text /api/metrics answers) and scrapes the worker's /metrics, where the job
// metrics live (WORKER_METRICS_PORT; the alert evaluator reads the same two), answers
// the metric queries against the previous reading, reads replication lag and the
// number of firing alerts from the primary, and keeps the last KEEP_MS of points. Per
// app process, like the other console charts (docs/decisions.md); Prometheus remains
// the place for fleet-wide history.
import { db } from '../data';
import { remember } from '../lib/remember';
import { parseExposition, scrapeMetrics, workerMetricsUrls } from './exposition';
import { logger } from './logger';
import { computeMetrics, type MetricName, type Scrape } from './metric-queries';
import { registry } from './metrics';
import { readReplicaLagSeconds } from './replica-lag';

export const OVERVIEW_STEP_MS = 5_000;
const KEEP_MS = 15 * 60_000; // what the charts show: enough to see a trend, small to send every 5 s

export type OverviewValues = Record<MetricName | 'active_alerts', number | null>;
export type OverviewPoint = { t: number; values: OverviewValues };

async function countFiringAlerts(): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM alert_rule r
      WHERE r.enabled AND (SELECT e.state FROM alert_event e WHERE e.rule_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1) = 'firing'`,
  );
  return Number(rows[0]?.n ?? 0);
}

// Short: a reading waits for it, and a worker that is down must not stall the chart.
const SCRAPE_TIMEOUT_MS = 1_000;

export class OverviewSampler {
  private readonly points: OverviewPoint[] = [];
  /** whether the last reading had the worker's metrics (null: no worker endpoint configured) */
  workerScraped: boolean | null = null;
  /** why the last reading failed (null when it succeeded) */
  lastError: unknown = null;

  constructor(private readonly extraUrls: () => string[] = workerMetricsUrls) {}

  private prev: Scrape | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | null = null;

  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), OVERVIEW_STEP_MS);
    this.timer.unref(); // never what keeps a process alive
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One reading now (the timer's work). Readings never overlap. */
  sample(): Promise<void> {
    this.sampling ??= this.read().finally(() => {
      this.sampling = null;
    });
    return this.sampling;
  }

  private async read(): Promise<void> {
    try {
      const urls = this.extraUrls();
      const [own, lag, alerts, ...others] = await Promise.allSettled([
        registry.metrics(),
        readReplicaLagSeconds(db),
        countFiringAlerts(),
        ...urls.map((u) => scrapeMetrics(u, SCRAPE_TIMEOUT_MS)),
      ]);
      if (own.status === 'rejected') throw own.reason;
      const samples = parseExposition(own.value);
      for (const o of others) if (o.status === 'fulfilled') samples.push(...o.value);
      this.workerScraped = urls.length ? others.some((o) => o.status === 'fulfilled') : null;
      const curr: Scrape = { at: Date.now(), samples };
      const values: OverviewValues = {
        ...computeMetrics({ prev: this.prev, curr, replicaLagSeconds: lag.status === 'fulfilled' ? lag.value : null }),
        active_alerts: alerts.status === 'fulfilled' ? alerts.value : null,
      };
      this.prev = curr;
      this.points.push({ t: curr.at, values });
      while (this.points.length > 0 && this.points[0]!.t < curr.at - KEEP_MS) this.points.shift();
      this.lastError = null;
    } catch (err) {
      this.lastError = err;
      logger.warn({ err }, 'overview sample failed');
    }
  }

  snapshot(): OverviewPoint[] {
    return this.points.slice();
  }
}

export const overviewSampler = remember('observability:overview', () => new OverviewSampler());

/** The overview's points, starting the sampler on first use (the first call waits for one reading). */
export async function overviewPoints(): Promise<{ stepMs: number; keepMs: number; points: OverviewPoint[]; workerScraped: boolean | null }> {
  overviewSampler.start();
  if (overviewSampler.snapshot().length === 0) await overviewSampler.sample();
  return { stepMs: OVERVIEW_STEP_MS, keepMs: KEEP_MS, points: overviewSampler.snapshot(), workerScraped: overviewSampler.workerScraped };
}
