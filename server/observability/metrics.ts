// The process's Prometheus registry: default process metrics plus the HTTP request
// histogram every request passes through. Other rooms register their metrics here.
import client from 'prom-client';
import { remember } from '../lib';

export const registry = remember('metrics:registry', () => {
  const r = new client.Registry();
  client.collectDefaultMetrics({ register: r });
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
const requestChildren = new Map<string, client.Histogram.Internal<'route' | 'method' | 'status'>>();

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  const key = `${route} ${method} ${status}`;
  let child = requestChildren.get(key);
  if (!child) {
    child = httpRequestDuration.labels({ route, method, status: String(status) });
    requestChildren.set(key, child);
  }
  child.observe(seconds);
}
