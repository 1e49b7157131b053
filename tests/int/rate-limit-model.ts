// Shared by the rate-limit*.int.test.ts files: a reference model of the exact sliding
// window (the obvious O(n²) definition, nothing shared with the implementation), the
// worst-window count of admitted timestamps, and a Redis client for the tests.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { topology } from '@/server/env';

export type Arrival = { id: string; t: number; bypass?: boolean };
export type Expected = 'allowed' | 'rejected:key' | 'rejected:global' | 'bypassed';

/** What an exact sliding window must decide, arrival by arrival, plus the wait a refusal implies. */
export function model(arrivals: Arrival[], perKey: number, global: number, windowMs: number): { outcome: Expected; retryAfterMs: number }[] {
  const logs = new Map<string, number[]>();
  const all: number[] = [];
  return arrivals.map(({ id, t, bypass }) => {
    if (bypass) return { outcome: 'bypassed', retryAfterMs: 0 };
    const live = (l: number[]) => l.filter((x) => x > t - windowMs);
    const mine = live(logs.get(id) ?? []);
    const every = live(all);
    if (mine.length < perKey && every.length < global) {
      logs.set(id, [...(logs.get(id) ?? []), t]);
      all.push(t);
      return { outcome: 'allowed', retryAfterMs: 0 };
    }
    // A retry needs room in each full window: its entry at rank count - limit must leave.
    const wait = (l: number[], limit: number) => (l.length >= limit ? l[l.length - limit]! + windowMs - t : 0);
    return {
      outcome: mine.length >= perKey ? 'rejected:key' : 'rejected:global',
      retryAfterMs: Math.max(wait(mine, perKey), wait(every, global)),
    };
  });
}

/** The most timestamps inside any half-open interval [a, a + windowMs). */
export function worstWindow(times: number[], windowMs: number): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < s.length; j++) {
    while (s[j]! - s[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** A client of the stack's Redis, as the limiter's own is configured (no offline queue). */
export async function testRedis(extra: { enableAutoPipelining?: boolean } = {}): Promise<Redis> {
  const r = new Redis(topology.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, ...extra });
  r.on('error', () => {});
  await r.connect();
  return r;
}

/** A Redis key prefix of this test run's own, so runs never see each other's windows. */
export const runPrefix = (what: string) => `rl-test:${what}:${randomUUID()}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
