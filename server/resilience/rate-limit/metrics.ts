// The rate limiter's Prometheus metrics, on the process registry. Labels are bounded:
// `limiter` names come from code ("api", a test's name), never from requests, and no
// key or user id is ever a label (the console's top consumers come from Redis).
import client from 'prom-client';
import { remember } from '../../lib';
import { registry } from '../../observability';

export const decisionsTotal = remember(
  'metrics:rate_limit_decisions_total',
  () =>
    new client.Counter({
      name: 'rate_limit_decisions_total',
      help: 'Rate-limit decisions by outcome (allowed, rejected, bypassed) and the scope that refused (key, global; none when not refused)',
      labelNames: ['limiter', 'outcome', 'scope'] as const,
      registers: [registry],
    }),
);

export const decisionSeconds = remember(
  'metrics:rate_limit_decision_duration_seconds',
  () =>
    new client.Histogram({
      name: 'rate_limit_decision_duration_seconds',
      help: 'Time to decide, by backend (redis; memory while falling back)',
      labelNames: ['limiter', 'backend'] as const,
      // From 100 µs: a decision is one Redis round trip on the request path.
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
      registers: [registry],
    }),
);

export const fallbackActive = remember(
  'metrics:rate_limit_fallback_active',
  () =>
    new client.Gauge({
      name: 'rate_limit_fallback_active',
      help: '1 while the limiter decides in process memory because Redis is unreachable or slow, else 0',
      labelNames: ['limiter'] as const,
      registers: [registry],
    }),
);

export const fallbackDecisionsTotal = remember(
  'metrics:rate_limit_fallback_decisions_total',
  () =>
    new client.Counter({
      name: 'rate_limit_fallback_decisions_total',
      help: 'Decisions made by the in-process fallback limiter',
      labelNames: ['limiter'] as const,
      registers: [registry],
    }),
);

type Outcome = 'allowed' | 'rejected' | 'bypassed';
type Backend = 'redis' | 'memory';

/** One limiter's label children, made once: the hot path then skips label hashing. */
export class LimiterMetrics {
  private readonly decisions = new Map<string, client.Counter.Internal>();
  private readonly latency: Record<Backend, client.Histogram.Internal<'limiter' | 'backend'>>;
  private readonly fallbackCount: client.Counter.Internal;

  constructor(private readonly limiter: string) {
    this.latency = {
      redis: decisionSeconds.labels({ limiter, backend: 'redis' }),
      memory: decisionSeconds.labels({ limiter, backend: 'memory' }),
    };
    this.fallbackCount = fallbackDecisionsTotal.labels({ limiter });
    fallbackActive.set({ limiter }, 0);
  }

  decided(outcome: Outcome, scope: 'key' | 'global' | null, backend: Backend | null, seconds: number): void {
    const k = `${outcome}:${scope ?? 'none'}`;
    let child = this.decisions.get(k);
    if (!child) {
      child = decisionsTotal.labels({ limiter: this.limiter, outcome, scope: scope ?? 'none' });
      this.decisions.set(k, child);
    }
    child.inc();
    if (backend) this.latency[backend].observe(seconds);
    if (backend === 'memory') this.fallbackCount.inc();
  }

  fallback(active: boolean): void {
    fallbackActive.set({ limiter: this.limiter }, active ? 1 : 0);
  }
}
