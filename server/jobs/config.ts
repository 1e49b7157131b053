// The jobs' settings, from server/env.ts (the one reader of the environment).
import { env, topology } from '../env';
import { CACHE_KEY_PREFIX } from '../cache/prefix';
import type { BackoffConfig } from './backoff';

export const jobsConfig = {
  prefix: env.JOBS_PREFIX ?? `jobs-${decodeURIComponent(new URL(topology.primaryUrl).pathname.slice(1)) || 'default'}`,
  /** retries after the first attempt: attempts = retries + 1 */
  retries: env.JOB_RETRIES,
  backoff: { baseMs: env.JOB_BACKOFF_BASE_MS, capMs: env.JOB_BACKOFF_CAP_MS } satisfies BackoffConfig,
  concurrency: env.WORKER_CONCURRENCY,
  metricsPort: env.WORKER_METRICS_PORT,
  lockMs: env.WORKER_LOCK_MS,
  schedules: env.WORKER_SCHEDULES === 'on',
  smtpUrl: env.SMTP_URL,
  smtpFrom: env.SMTP_FROM,
  archiveAfterDays: env.FIR_ARCHIVE_AFTER_DAYS,
  cacheStatsPattern: env.CACHE_STATS_PATTERN ?? `${CACHE_KEY_PREFIX}stats:*`,
  cacheStatsTtlSeconds: env.CACHE_STATS_TTL_SECONDS,
  taskRetentionDays: env.TASK_RETENTION_DAYS,
} as const;
