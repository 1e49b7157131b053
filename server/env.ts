// The one place that reads process.env. Validated once with zod; a bad value stops
// the process at start with a message that names the variable.
//
// Servers: when DATABASE_URL, DATABASE_REPLICA_URLS and REDIS_URL are all set, the
// app uses those. When none is set, it uses the local stack (`npm run stack -- up`),
// whose ports derive from STACK_PORT_BASE. Setting only some of them is an error:
// half a topology silently pointing at the local stack would be worse than failing.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
// "true"/"false"/"1"/"0": z.coerce.boolean() would read "false" as true.
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVICE_NAME: z.string().min(1).default('afirgen-web'),

  // Local stack: PostgreSQL primary on the base port, replicas on base+1 and base+2,
  // Redis on STACK_REDIS_PORT. Defaults avoid a system PostgreSQL (5432) and Redis (6379).
  STACK_DIR: z.string().min(1).default('.stack'),
  STACK_PORT_BASE: port.default(55432),
  STACK_REDIS_PORT: port.default(56379),
  STACK_REPLICAS: z.coerce.number().int().min(0).max(5).default(2),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
    .default('afirgen'),

  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URLS: z.string().optional(),
  REDIS_URL: z.string().url().optional(),

  // API rate limits over an exact sliding window (server/resilience/rate-limit; its
  // defaults: 100 per key or user and 10,000 in all, per 60 s). Redis keeps one entry
  // per request admitted in the window, so the ceilings bound its memory.
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(100_000).optional(),
  RATE_LIMIT_GLOBAL: z.coerce.number().int().min(1).max(1_000_000).optional(), // ~100 MB of Redis at the ceiling
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),

  // Data layer (server/data/routing): pool sizes per node, read routing, health checks.
  // Defaults fit a 2-core machine: more busy backends than ~2x cores only queue inside
  // PostgreSQL (docs/decisions.md). Bounds are the design's 10–50 at most.
  DB_WRITE_POOL_MAX: z.coerce.number().int().min(1).max(50).default(10),
  DB_READ_POOL_MAX: z.coerce.number().int().min(1).max(50).default(10), // per replica
  DB_CRITICAL_POOL_MAX: z.coerce.number().int().min(1).max(10).default(2),
  DB_POOL_MIN: z.coerce.number().int().min(0).max(10).default(2), // opened at start (pre-warm)
  DB_POOL_IDLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  DB_HEALTH_INTERVAL_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  DB_LAG_OUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(5), // leaves the read set above
  DB_LAG_BACK_SECONDS: z.coerce.number().min(0).max(3600).default(2), // returns below
  DB_READ_ROUTING: z.enum(['on', 'off']).default('on'), // off: every read on the primary
  // No replica connected under synchronous commit: degrade to async (alert), or refuse writes fast.
  DB_SYNC_COMMIT: z.enum(['degrade', 'strict']).default('degrade'),
  // Topology provider (docs/data-layer.md): static — the URLs as given, no failover;
  // managed — automatic failover and switchover through a Redis lease and published
  // topology. Unset: managed on the local stack, static with DATABASE_URL & co.
  DB_TOPOLOGY: z.enum(['static', 'managed']).optional(),
  DB_FAILOVER_FAILURES: z.coerce.number().int().min(1).max(20).default(3), // consecutive failed checks of the primary
  DB_FAILOVER_LEASE_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000), // one decider; longer than a promotion takes
  DB_FAILOVER_REJOIN: z.enum(['auto', 'manual']).default('auto'), // local stack: rewind the old primary back as a replica at once
  DB_FAILOVER_WEBHOOK_URL: z.string().url().optional(), // POSTed a JSON event on every failover and switchover

  // Optional model servers (OpenAI-compatible). Unset: drafting uses the built-in drafter
  // only, and there is no speech-to-text. See docs/model-servers.md.
  LLM_BASE_URL: z.string().url().optional(), // e.g. http://127.0.0.1:8000 (the client adds /v1/...)
  LLM_MODEL: z.string().min(1).default('afirgen-fir'),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000), // per request, not per draft
  ASR_BASE_URL: z.string().url().optional(),
  ASR_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15000), // audio takes longer

  // Query insights (server/insights): statement capture, slow log, N+1 detection, index advisor.
  INSIGHTS_CAPTURE: z.enum(['on', 'off']).default('on'), // off: no statement listener at all (the capture benchmark's baseline)
  INSIGHTS_SLOW_MS: z.coerce.number().min(1).max(600_000).default(100), // statements slower than this are logged with their plan
  INSIGHTS_EXPLAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000), // statement_timeout of an EXPLAIN ANALYZE
  INSIGHTS_N1_MIN_COUNT: z.coerce.number().int().min(2).max(1000).default(5), // Sentry's N+1 rule: ≥ 5 repeats…
  INSIGHTS_N1_MIN_TOTAL_MS: z.coerce.number().min(0).max(60_000).default(50), // …taking ≥ 50 ms together
  INSIGHTS_ADVISOR_MIN_COST: z.coerce.number().min(0).default(100), // Dexter: only queries costing ≥ 100…
  INSIGHTS_ADVISOR_MIN_SAVING: z.coerce.number().gt(0).max(1).default(0.5), // …and only for a ≥ 50 % drop in estimated cost
  INSIGHTS_LARGE_TABLE_ROWS: z.coerce.number().int().min(0).default(10_000), // OFFSET on a table this big is flagged
  // Background jobs (server/jobs; BullMQ in Redis, run by `npm run worker`). Retries
  // follow the backend design: 3 retries, exponential from 1 min, capped at 10 min,
  // with jitter. JOBS_PREFIX namespaces the queues' Redis keys; by default it names the
  // database, so the test database's jobs never reach the demo database's worker.
  JOBS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,60}$/, 'letters, digits, ":", "_" or "-"').optional(),
  JOB_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  JOB_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(60_000),
  JOB_BACKOFF_CAP_MS: z.coerce.number().int().min(1).max(86_400_000).default(600_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4), // 2 cores: PDFs are CPU work
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464), // 0: no metrics server
  // A job whose worker died is taken again once its lock (renewed every half of this) lapses.
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  WORKER_SCHEDULES: z.enum(['on', 'off']).default('on'), // off: no periodic jobs from this worker (tests)
  // Unset: notifications go to the outbox table (shown on /ops/queues) instead of email.
  SMTP_URL: z.string().url().optional(), // e.g. smtp://user:pass@mail.example:587
  SMTP_FROM: z.string().min(3).default('AFIRGen <no-reply@afirgen.local>'),
  FIR_ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(1).max(36_500).default(730), // closed FIRs untouched this long
  CACHE_STATS_PATTERN: z.string().min(1).optional(), // Redis keys the maintenance job expires; default: the cache's stats entries, afg:c:<database>:stats:*
  CACHE_STATS_TTL_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(7 * 86_400),
  TASK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30), // finished background_task rows
  // Observability (server/observability, server/alerts; docs/observability.md).
  // The three switches exist so the overhead benchmark can turn each part off.
  LOG_REQUESTS: flag.default(true), // one access-log line per /api request
  METRICS_ENABLED: flag.default(true), // request and statement metrics (/api/metrics still answers)
  TRACING_ENABLED: flag.default(true), // only has an effect with an OTLP endpoint
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(), // unset: no tracing at all
  OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
  // Alerts: the evaluator scrapes these /api/metrics URLs (comma-separated; default:
  // this process's own) every ALERT_EVAL_INTERVAL_SECONDS, over a window of
  // ALERT_WINDOW_SECONDS, and posts firing/resolved events to ALERT_WEBHOOK_URL.
  ALERT_METRICS_URLS: z.string().optional(),
  ALERT_EVAL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  ALERT_WINDOW_SECONDS: z.coerce.number().int().min(10).max(3600).default(300), // rates and quantiles over 5 min, like a Prometheus rule
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  // Two-level cache (server/cache): L1 in-process LRU in front of L2 Redis. TTLs in
  // seconds per kind of entry (backend-optimization §2); L1 never keeps an entry longer
  // than CACHE_L1_TTL_SECONDS, so another instance's write shows here within that even
  // if a pub/sub message is lost. CACHE_DEGRADED_TTL_SECONDS bounds staleness while Redis
  // (and so pub/sub) is away.
  CACHE_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  CACHE_L1_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(1000), // 0: no L1 (Redis only)
  CACHE_L1_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  CACHE_TTL_FIR_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3600),
  CACHE_TTL_SECTION_CHECK_SECONDS: z.coerce.number().int().min(1).max(604_800).default(1800),
  CACHE_TTL_KB_SECONDS: z.coerce.number().int().min(1).max(604_800).default(7200),
  CACHE_TTL_SESSION_SECONDS: z.coerce.number().int().min(1).max(604_800).default(86_400),
  CACHE_TTL_STATS_SECONDS: z.coerce.number().int().min(1).max(604_800).default(300),
  CACHE_DEGRADED_TTL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  CACHE_REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(5000).default(150), // a cache read slower than this is worth less than the database
  CACHE_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  CACHE_WARM: z.string().default('stats,recent-firs,sections'), // warmers run at start, comma-separated ('' for none)
});

export type TEnv = z.infer<typeof ZEnv>;

export type Topology = {
  /** true when the servers are the local stack's, false when they came from the environment */
  local: boolean;
  primaryUrl: string;
  replicaUrls: string[];
  redisUrl: string;
  /** every database node by a stable name (primary, replica1…), whatever its role now */
  nodes: { name: string; url: string }[];
  /** which of them is the primary, and the topology epoch that says so (after failovers: stack.json) */
  primaryName: string;
  epoch: number;
};

/** The local stack's record of the current primary (server/data/local-stack/stack-state.ts). */
function recordedPrimary(e: TEnv): { primary: string; epoch: number } {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(path.resolve(e.STACK_DIR), 'stack.json'), 'utf8')) as { primary?: unknown; epoch?: unknown };
    return { primary: typeof r.primary === 'string' ? r.primary : 'primary', epoch: typeof r.epoch === 'number' ? r.epoch : 0 };
  } catch {
    return { primary: 'primary', epoch: 0 };
  }
}

function parse(source: NodeJS.ProcessEnv): TEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function localUrls(e: TEnv, database = e.DATABASE_NAME): Topology {
  const pg = (p: number) => `postgresql://afirgen@127.0.0.1:${p}/${database}`;
  const nodes = [{ name: 'primary', url: pg(e.STACK_PORT_BASE) }, ...Array.from({ length: e.STACK_REPLICAS }, (_, i) => ({ name: `replica${i + 1}`, url: pg(e.STACK_PORT_BASE + 1 + i) }))];
  // After a failover another node is the primary; the stack manager records which.
  const rec = recordedPrimary(e);
  const primary = nodes.find((n) => n.name === rec.primary) ?? nodes[0]!;
  return {
    local: true,
    primaryUrl: primary.url,
    replicaUrls: nodes.filter((n) => n !== primary).map((n) => n.url),
    redisUrl: `redis://127.0.0.1:${e.STACK_REDIS_PORT}`,
    nodes,
    primaryName: primary.name,
    epoch: rec.epoch,
  };
}

export function topologyFrom(e: TEnv): Topology {
  const given = {
    DATABASE_URL: e.DATABASE_URL,
    DATABASE_REPLICA_URLS: e.DATABASE_REPLICA_URLS,
    REDIS_URL: e.REDIS_URL,
  };
  const missing = Object.entries(given).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length === 3) return localUrls(e);
  if (missing.length > 0) {
    throw new Error(
      `Invalid environment: ${missing.join(', ')} must be set too when any of DATABASE_URL, ` +
        'DATABASE_REPLICA_URLS, REDIS_URL is (leave all three unset to use the local stack; ' +
        'DATABASE_REPLICA_URLS may be empty for no replicas)',
    );
  }
  const replicaUrls = (e.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const u of replicaUrls) {
    if (!z.string().url().safeParse(u).success) {
      throw new Error(`Invalid environment: DATABASE_REPLICA_URLS has an invalid URL: ${u}`);
    }
  }
  const nodes = [{ name: 'primary', url: e.DATABASE_URL! }, ...replicaUrls.map((url, i) => ({ name: `replica${i + 1}`, url }))];
  return { local: false, primaryUrl: e.DATABASE_URL!, replicaUrls, redisUrl: e.REDIS_URL!, nodes, primaryName: 'primary', epoch: 0 };
}

// eslint-disable-next-line no-restricted-properties -- this module is the one reader
export const env: TEnv = parse(process.env);
export const topology: Topology = topologyFrom(env);
/** Absolute path of the local stack's state directory. */
export const stackDir = path.resolve(env.STACK_DIR);
