// What the cache reports: prom-client metrics (per namespace and level) for Prometheus,
// and an in-process time series for the console's charts. Children are made once per
// label set: the L1 hit path is the hottest code in the process.
import client from 'prom-client';
import { remember } from '../lib';
import { registry, TimeSeries } from '../observability';

export type CacheLevel = 'l1' | 'l2';
export type CacheResult = 'hit' | 'miss';

const requests = remember(
  'metrics:cache_requests',
  () =>
    new client.Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups by namespace, level and result (hit or miss)',
      labelNames: ['namespace', 'level', 'result'] as const,
      registers: [registry],
    }),
);
const evictions = remember(
  'metrics:cache_evictions',
  () =>
    new client.Counter({
      name: 'cache_evictions_total',
      help: 'L1 entries pushed out by the LRU size limit',
      labelNames: ['namespace'] as const,
      registers: [registry],
    }),
);
const errors = remember(
  'metrics:cache_errors',
  () =>
    new client.Counter({
      name: 'cache_errors_total',
      help: 'Failed cache operations against Redis (the caller fell back to the database)',
      labelNames: ['namespace', 'op'] as const,
      registers: [registry],
    }),
);
const fetches = remember(
  'metrics:cache_fetches',
  () =>
    new client.Counter({
      name: 'cache_fetches_total',
      help: 'Loads from the source of truth after a miss in both levels (single-flight: one per key per instance)',
      labelNames: ['namespace'] as const,
      registers: [registry],
    }),
);
const invalidations = remember(
  'metrics:cache_invalidations',
  () =>
    new client.Counter({
      name: 'cache_invalidations_total',
      help: 'Invalidations by kind (key, tag, pattern) and origin (local or pubsub)',
      labelNames: ['kind', 'origin'] as const,
      registers: [registry],
    }),
);
const latency = remember(
  'metrics:cache_operation_duration',
  () =>
    new client.Histogram({
      name: 'cache_operation_duration_seconds',
      help: 'Cache lookup latency by namespace and level (fetch: the load from the database)',
      labelNames: ['namespace', 'level'] as const,
      buckets: [0.00001, 0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
);

/** Per-process series for the console: 10 s buckets for an hour. */
export const cacheSeries = remember('cache:series', () => new TimeSeries(10_000, 60 * 60_000));

type Child = { inc(by?: number): void };
type HChild = { observe(v: number): void };

/** The metrics of one cache instance; `series` is shared by the process's instances unless given. */
export class CacheStats {
  private readonly counters = new Map<string, Child>();
  private readonly timers = new Map<string, HChild>();
  /** totals since start, for the console's table */
  readonly totals = new Map<string, { l1Hits: number; l2Hits: number; misses: number; evictions: number; errors: number }>();

  constructor(readonly series: TimeSeries = cacheSeries) {}

  private total(ns: string) {
    let t = this.totals.get(ns);
    if (!t) this.totals.set(ns, (t = { l1Hits: 0, l2Hits: 0, misses: 0, evictions: 0, errors: 0 }));
    return t;
  }

  lookup(ns: string, level: CacheLevel, result: CacheResult, seconds: number): void {
    const id = `${ns}|${level}|${result}`;
    let c = this.counters.get(id);
    if (!c) this.counters.set(id, (c = requests.labels({ namespace: ns, level, result })));
    c.inc();
    let h = this.timers.get(`${ns}|${level}`);
    if (!h) this.timers.set(`${ns}|${level}`, (h = latency.labels({ namespace: ns, level })));
    h.observe(seconds);
    this.series.add(`${ns}:${level}:${result}`);
    const t = this.total(ns);
    if (result === 'hit') {
      if (level === 'l1') t.l1Hits++;
      else t.l2Hits++;
    } else if (level === 'l2') t.misses++;
  }

  fetched(ns: string, seconds: number): void {
    fetches.labels({ namespace: ns }).inc();
    latency.labels({ namespace: ns, level: 'fetch' }).observe(seconds);
    this.series.add(`${ns}:fetch`);
  }

  evicted(ns: string): void {
    evictions.labels({ namespace: ns }).inc();
    this.series.add(`${ns}:evict`);
    this.total(ns).evictions++;
  }

  error(ns: string, op: string): void {
    errors.labels({ namespace: ns, op }).inc();
    this.series.add(`${ns}:error`);
    this.total(ns).errors++;
  }

  invalidated(kind: 'key' | 'tag' | 'pattern' | 'all', origin: 'local' | 'pubsub'): void {
    invalidations.labels({ kind, origin }).inc();
  }
}
