// What the Limits console shows: decisions over time (allowed / rejected / bypassed,
// 10 s buckets for an hour) and the top consumers by identity. In-process and bounded:
// at most MAX_IDENTITIES identities are tracked; the least recently seen is dropped.
import { TimeSeries, type SeriesPoint } from '../observability';
import { remember } from '../lib';

const MAX_IDENTITIES = 500; // a console table, not an archive

export type Consumer = { identity: string; allowed: number; rejected: number; lastAt: number };

class LimitStats {
  readonly series = new TimeSeries(10_000, 60 * 60_000);
  private readonly consumers = new Map<string, Consumer>();

  record(identity: string, outcome: 'allowed' | 'rejected' | 'bypassed', at = Date.now()): void {
    this.series.add(outcome, 1, at);
    if (outcome === 'bypassed') return;
    let c = this.consumers.get(identity);
    if (c) this.consumers.delete(identity); // re-insert: Map order is recency
    else c = { identity, allowed: 0, rejected: 0, lastAt: at };
    c[outcome]++;
    c.lastAt = at;
    this.consumers.set(identity, c);
    if (this.consumers.size > MAX_IDENTITIES) this.consumers.delete(this.consumers.keys().next().value!);
  }

  top(n = 20): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => b.allowed + b.rejected - (a.allowed + a.rejected)).slice(0, n);
  }

  points(sinceMs?: number): SeriesPoint[] {
    return this.series.points(sinceMs);
  }
}

export const limitStats = remember('resilience:limit-stats', () => new LimitStats());
