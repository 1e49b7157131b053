// The worker's Prometheus metrics (served by worker-main on WORKER_METRICS_PORT): job
// outcomes and durations, and each queue's depth per state, read from Redis when scraped.
import client from 'prom-client';
import { remember } from '../lib';
import { registry } from '../observability';
import { QUEUES } from './contracts';
import { queueOf } from './queues';

export const jobOutcomes = remember(
  'metrics:jobs_processed_total',
  () =>
    new client.Counter({
      name: 'jobs_processed_total',
      help: 'Job attempts by queue, job name and outcome (completed, retried, failed, skipped)',
      labelNames: ['queue', 'name', 'outcome'] as const,
      registers: [registry],
    }),
);

export const jobDuration = remember(
  'metrics:job_duration_seconds',
  () =>
    new client.Histogram({
      name: 'job_duration_seconds',
      help: 'Duration of job attempts by queue and job name',
      labelNames: ['queue', 'name'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
);

export const queueDepth = remember(
  'metrics:jobs_queue_depth',
  () =>
    new client.Gauge({
      name: 'jobs_queue_depth',
      help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        for (const q of QUEUES) {
          const counts = await queueOf(q).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q, state }, n);
        }
      },
    }),
);
