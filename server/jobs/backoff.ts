// The retry delay of a failed job: exponential from a base, capped, with half jitter
// (the same shape as server/resilience's retries). Retry n (1-based) waits a random
// time in [d/2, d], d = min(cap, base · 2^(n-1)); each lower bound is the previous
// upper bound, so below the cap waits never shrink (Property 18) while a herd of
// failures spreads; at the cap they stay within [cap/2, cap].
export type BackoffConfig = { baseMs: number; capMs: number };

/** BullMQ's name for our strategy, set in each job's `backoff.type`. */
export const BACKOFF_TYPE = 'capped-exponential-jitter';

export function retryDelayMs(retry: number, cfg: BackoffConfig, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(retry));
  const d = Math.min(cfg.capMs, cfg.baseMs * 2 ** Math.min(n - 1, 40));
  return Math.round(d / 2 + random() * (d / 2));
}

/** The delay window [min, max] of retry n, for tests and the console. */
export function retryWindowMs(retry: number, cfg: BackoffConfig): [number, number] {
  return [retryDelayMs(retry, cfg, () => 0), retryDelayMs(retry, cfg, () => 1)];
}
