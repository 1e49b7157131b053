// The process's Prometheus registry: default process metrics (CPU, memory, event-loop
// lag, heap), machine CPU and memory, SQL statements by node and kind, and the HTTP
// request histogram every request passes through. Other rooms register their metrics
// here. Every metric name and label is listed in docs/observability.md.
import client from 'prom-client';
import { env } from '../env';
import { remember } from '../lib';
import { registerDbMetrics } from './db-metrics';
import { registerSystemMetrics } from './system-metrics';

export const registry = remember('metrics:registry', () => {
  const r = new client.Registry();
  client.collectDefaultMetrics({ register: r });
  registerSystemMetrics(r);
  registerDbMetrics(r, env.METRICS_ENABLED);
  return r;
});

export const httpRequestDuration = remember(
  'metrics:http_request_duration',
  () =>
    new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      // Buckets from 1 ms: the API fast path answers in single milliseconds.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
);

// One histogram child per (route, method, status), made once: observing through a
// child skips prom-client's per-call label hashing on the hottest path we have.
const METRICS_ON = env.METRICS_ENABLED;
const requestChildren = new Map<string, client.Histogram.Internal<'route' | 'method' | 'status'>>();

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  if (!METRICS_ON) return;
  const key = `${route} ${method} ${status}`;
  let child = requestChildren.get(key);
  if (!child) {
    child = httpRequestDuration.labels({ route, method, status: String(status) });
    requestChildren.set(key, child);
  }
  child.observe(seconds);
}
