// The jobs' contracts, shared by producers (the web process) and processors (the
// worker): queue names, each job's zod payload schema, the name → payload map, the
// priorities and which queue a job runs on. A payload is validated when it is enqueued
// and again when it is processed, so a bad one fails at the producer, loudly.
import { z } from 'zod';

/** One queue per kind of work, so a flood of one (notifications) never starves another (PDFs). */
export const QUEUES = ['documents', 'notifications', 'analytics', 'maintenance', 'system'] as const;
export type TQueueName = (typeof QUEUES)[number];
export const ZQueueName = z.enum(QUEUES);

/**
 * Priorities, as BullMQ numbers them: a smaller number runs first. The design's task
 * types: report (PDF) generation medium, emails, analytics and cleanup low; an
 * officer waiting at the screen for a PDF is the one thing here a person waits on.
 */
export const PRIORITY = { high: 1, normal: 5, low: 10 } as const;
export type TPriority = keyof typeof PRIORITY;
export const ZPriority = z.enum(['high', 'normal', 'low']);

const correlation = { correlationId: z.string().max(128).optional() };

export const JOBS = {
  /** The FIR's PDF copy (the complainant's free copy, BNSS s.173), stored once per FIR version. */
  'fir.pdf': {
    queue: 'documents',
    priority: 'high',
    payload: z.object({ firId: z.uuid(), ...correlation }).strict(),
  },
  /** Tells the complainant the FIR was registered or changed status (email, or the outbox). */
  'fir.notify': {
    queue: 'notifications',
    priority: 'low',
    payload: z.object({ firId: z.uuid(), eventId: z.string().regex(/^\d+$/), ...correlation }).strict(),
  },
  /** Recomputes the daily FIR counts of the last `days` IST days. */
  'rollup.daily': {
    queue: 'analytics',
    priority: 'low',
    payload: z.object({ days: z.number().int().min(1).max(3650).default(3), ...correlation }).strict(),
  },
  /** Marks closed FIRs untouched for FIR_ARCHIVE_AFTER_DAYS as archived. */
  'maintenance.archive': {
    queue: 'maintenance',
    priority: 'low',
    payload: z.object({ batchSize: z.number().int().min(1).max(10_000).default(1000), ...correlation }).strict(),
  },
  /** Keeps the heaviest pg_stat_statements rows of this moment, for trends. */
  'maintenance.statements': {
    queue: 'maintenance',
    priority: 'low',
    payload: z.object({ top: z.number().int().min(1).max(1000).default(100), ...correlation }).strict(),
  },
  /** Puts an expiry on cache statistics keys that have none, and drops old finished task rows. */
  'maintenance.expire': {
    queue: 'maintenance',
    priority: 'low',
    payload: z.object({ ...correlation }).strict(),
  },
  /** Does nothing: the benchmark's baseline and a liveness check of the worker. */
  'system.noop': {
    queue: 'system',
    priority: 'normal',
    payload: z.object({ tag: z.string().max(100).optional(), ...correlation }).strict(),
  },
  /**
   * Fails its first `failTimes` attempts with a retryable error, then succeeds: shows
   * (and tests) retries with backoff on a real worker. `permanent` fails without retry.
   */
  'system.probe': {
    queue: 'system',
    priority: 'normal',
    payload: z
      .object({ failTimes: z.number().int().min(0).max(20).default(0), permanent: z.boolean().default(false), tag: z.string().max(100).optional(), ...correlation })
      .strict(),
  },
} as const satisfies Record<string, { queue: TQueueName; priority: TPriority; payload: z.ZodType }>;

export type TJobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as TJobName[];
export const ZJobName = z.enum(JOB_NAMES as [TJobName, ...TJobName[]]);
/** What a producer passes (defaults may be left out). */
export type TJobInput<N extends TJobName> = z.input<(typeof JOBS)[N]['payload']>;
/** What a processor receives (defaults filled in). */
export type TJobPayload<N extends TJobName> = z.output<(typeof JOBS)[N]['payload']>;

export const TASK_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type TTaskStatus = (typeof TASK_STATUSES)[number];
