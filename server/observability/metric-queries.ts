// The questions the alert rules and the console's overview ask of the metrics, answered
// from two scrapes of /api/metrics (a window apart) the way PromQL's increase() and
// histogram_quantile() would. Each answer is a number, or null when the metric does not
// exist (yet) or saw no traffic in the window: "no data", never a made-up zero.
// The metric names each query reads are listed in docs/observability.md. The job
// families live in the worker's registry (WORKER_METRICS_PORT), so the worker's alert
// evaluator scrapes both it and the app.
import type { Sample } from './exposition';

/** A scrape: samples of one or more processes (each labelled `instance`) at a time. */
export type Scrape = { at: number; samples: Sample[] };

export type MetricInputs = {
  /** the scrape a window ago; rates and quantiles need it */
  prev?: Scrape;
  curr: Scrape;
  /** from pg_stat_replication on the primary, when the caller could read it */
  replicaLagSeconds?: number | null;
};

const seriesKey = (s: Sample) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;

/** Sum of the increase of every matching counter series between prev and curr (resets counted like Prometheus). */
function increase(inputs: MetricInputs, match: (s: Sample) => boolean): { value: number; series: number } | null {
  const { prev, curr } = inputs;
  if (!prev) return null;
  const before = new Map<string, number>();
  for (const s of prev.samples) if (match(s)) before.set(seriesKey(s), s.value);
  let value = 0;
  let series = 0;
  for (const s of curr.samples) {
    if (!match(s)) continue;
    series += 1;
    const p = before.get(seriesKey(s)) ?? 0; // a series born inside the window started at 0
    value += s.value >= p ? s.value - p : s.value;
  }
  return { value, series };
}

/** Prometheus's histogram_quantile over the increase of the matching _bucket series, summed per `le`. */
export function quantileOf(q: number, buckets: Map<number, number>): number | null {
  const les = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total <= 0 || les.length < 2) return null;
  const rank = q * total;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const le of les) {
    const count = buckets.get(le)!;
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lowerLe; // above the top bucket: its bound is all we know
      if (count === lowerCount) return le;
      return lowerLe + (le - lowerLe) * ((rank - lowerCount) / (count - lowerCount));
    }
    lowerLe = le;
    lowerCount = count;
  }
  return lowerLe;
}

function latencyQuantile(q: number) {
  return (inputs: MetricInputs): number | null => {
    if (!inputs.prev) return null;
    const perLe = new Map<number, number>();
    for (const le of new Set(inputs.curr.samples.filter((s) => s.name === 'http_request_duration_seconds_bucket').map((s) => s.labels.le!))) {
      const inc = increase(inputs, (s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.le === le);
      perLe.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), inc?.value ?? 0);
    }
    return quantileOf(q, perLe);
  };
}

const isRequestCount = (s: Sample) => s.name === 'http_request_duration_seconds_count';
const CACHE_REQUESTS = 'cache_requests_total';
const outcomeOf = (s: Sample) => s.labels.result ?? s.labels.outcome ?? s.labels.status ?? s.labels.state;
const JOBS_COUNTER = /^jobs_processed_total$/;
const QUEUED_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'paused']);

function perSecond(inputs: MetricInputs, match: (s: Sample) => boolean): number | null {
  const inc = increase(inputs, match);
  if (!inc || !inputs.prev) return null;
  const seconds = (inputs.curr.at - inputs.prev.at) / 1000;
  return seconds > 0 ? inc.value / seconds : null;
}

function ratio(inputs: MetricInputs, part: (s: Sample) => boolean, whole: (s: Sample) => boolean): number | null {
  const w = increase(inputs, whole);
  if (!w || w.value <= 0) return null;
  return (increase(inputs, part)?.value ?? 0) / w.value;
}

function gaugeMax(inputs: MetricInputs, match: (s: Sample) => boolean): number | null {
  const values = inputs.curr.samples.filter(match).map((s) => s.value).filter(Number.isFinite);
  return values.length ? Math.max(...values) : null;
}

export type MetricQuery = { label: string; unit: 'req/s' | 'seconds' | 'ratio' | 'count'; about: string; compute: (i: MetricInputs) => number | null };

export const METRIC_QUERIES = {
  http_request_rate: {
    label: 'API requests per second',
    unit: 'req/s',
    about: 'increase of http_request_duration_seconds_count over the window, per second',
    compute: (i) => perSecond(i, isRequestCount),
  },
  http_latency_p50_seconds: { label: 'API latency p50', unit: 'seconds', about: 'histogram_quantile(0.5) of http_request_duration_seconds', compute: latencyQuantile(0.5) },
  http_latency_p95_seconds: { label: 'API latency p95', unit: 'seconds', about: 'histogram_quantile(0.95) of http_request_duration_seconds', compute: latencyQuantile(0.95) },
  http_latency_p99_seconds: { label: 'API latency p99', unit: 'seconds', about: 'histogram_quantile(0.99) of http_request_duration_seconds', compute: latencyQuantile(0.99) },
  http_error_ratio: {
    label: 'API error rate (5xx)',
    unit: 'ratio',
    about: 'share of requests answered 5xx over the window',
    compute: (i) => ratio(i, (s) => isRequestCount(s) && Number(s.labels.status) >= 500, isRequestCount),
  },
  cache_hit_ratio: {
    label: 'Cache hit rate',
    unit: 'ratio',
    about: 'lookups answered by either level / all lookups, from cache_requests_total{level,result}: an L1 miss that L2 answers is a hit, a miss is one L2 missed too',
    compute: (i) =>
      ratio(
        i,
        (s) => s.name === CACHE_REQUESTS && outcomeOf(s) === 'hit',
        (s) => s.name === CACHE_REQUESTS && (outcomeOf(s) === 'hit' || (outcomeOf(s) === 'miss' && s.labels.level !== 'l1')),
      ),
  },
  replica_lag_seconds: {
    label: 'Replica lag',
    unit: 'seconds',
    about: 'the largest replay lag in pg_stat_replication (else a *replica*lag*seconds gauge)',
    compute: (i) => (i.replicaLagSeconds !== undefined && i.replicaLagSeconds !== null ? i.replicaLagSeconds : gaugeMax(i, (s) => /replica.*lag.*seconds$/.test(s.name))),
  },
  db_pool_utilization_ratio: {
    label: 'Connection pool utilization',
    unit: 'ratio',
    about: 'the largest db_pool_utilization_ratio of any node',
    compute: (i) => gaugeMax(i, (s) => s.name === 'db_pool_utilization_ratio'),
  },
  breakers_open: {
    label: 'Open circuit breakers',
    unit: 'count',
    about: 'circuit_breaker_state series at 2 (open) or 3 (isolated)',
    compute: (i) => i.curr.samples.filter((s) => s.name === 'circuit_breaker_state' && s.value >= 2).length,
  },
  queue_depth: {
    label: 'Queued jobs',
    unit: 'count',
    about: 'sum of jobs_queue_depth{state=waiting|delayed|prioritized|…} (the worker\'s metrics)',
    compute: (i) => {
      const xs = i.curr.samples.filter((s) => s.name === 'jobs_queue_depth' && QUEUED_STATES.has(outcomeOf(s) ?? ''));
      return xs.length ? xs.reduce((a, s) => a + s.value, 0) : null;
    },
  },
  jobs_failed: {
    label: 'Failed jobs in the window',
    unit: 'count',
    about: 'increase of jobs_processed_total{outcome=failed} (the worker\'s metrics)',
    compute: (i) => {
      const match = (s: Sample) => JOBS_COUNTER.test(s.name) && outcomeOf(s) === 'failed';
      if (!i.curr.samples.some(match)) return null;
      return increase(i, match)?.value ?? null;
    },
  },
} satisfies Record<string, MetricQuery>;

export type MetricName = keyof typeof METRIC_QUERIES;
export const METRIC_NAMES = Object.keys(METRIC_QUERIES) as MetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRIC_QUERIES, name);
}

export function computeMetrics(inputs: MetricInputs): Record<MetricName, number | null> {
  const out = {} as Record<MetricName, number | null>;
  for (const name of METRIC_NAMES) {
    const v = METRIC_QUERIES[name].compute(inputs);
    out[name] = v === null || Number.isFinite(v) ? v : null;
  }
  return out;
}
