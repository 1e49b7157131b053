// In-process extras the worker runs beside its queues: a loop or timer that is not a
// job (a job belongs in schedules.ts). Each starts when the worker is ready and
// returns its stop function, called on SIGTERM before the queues close. To add one,
// append a line to WORKER_EXTRAS.
import { env } from '../env';
import { defaultMetricsUrls, startAlertEvaluator } from '../alerts';
import { workerMetricsUrls } from '../observability/exposition';
import { jobsConfig } from './config';
import type { RunningWorkers } from './worker';

export type WorkerExtra = { name: string; start: (w: RunningWorkers) => Promise<() => Promise<void>> | (() => Promise<void>) };

/** the app's /api/metrics (or ALERT_METRICS_URLS) plus this worker's own, where the job counters live */
export function workerAlertUrls(): string[] {
  return env.ALERT_METRICS_URLS ? defaultMetricsUrls() : [...defaultMetricsUrls(), ...workerMetricsUrls()];
}

export const WORKER_EXTRAS: WorkerExtra[] = [
  // Threshold alerts (server/alerts). Periodic like the schedules, so WORKER_SCHEDULES=off
  // (tests' workers) leaves it out: one evaluator per deployment is enough.
  {
    name: 'alert evaluator',
    start: () => {
      if (!jobsConfig.schedules) return async () => {};
      // The first evaluation after one interval: `npm start` starts the worker before the app listens.
      const evaluator = startAlertEvaluator({ metricsUrls: workerAlertUrls(), runAtStart: false });
      return () => evaluator.stop();
    },
  },
];
