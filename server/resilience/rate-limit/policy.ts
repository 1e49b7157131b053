// What a rate-limit decision is made of and what it answers, shared by the Redis
// window, the in-process fallback, the HTTP headers and the metrics. The defaults are
// the design's (db-cache-infrastructure §5): 100 a minute per key or user, 10,000 a
// minute in all.

export type RateLimitPolicy = {
  /** requests one identity (an API key, a user) may make in any window */
  perKey: number;
  /** requests all identities together may make in any window */
  global: number;
  windowMs: number;
};

export const DEFAULT_POLICY: RateLimitPolicy = { perKey: 100, global: 10_000, windowMs: 60_000 };

/** Which limit refused a request: the identity's own or the global one. */
export type Scope = 'key' | 'global';

/** One window's state after a decision. */
export type WindowState = {
  limit: number;
  /** requests admitted in the window ending now, this one included when admitted */
  count: number;
  remaining: number;
  /** ms until one more request fits (the entry that must leave does so); 0 for an empty window */
  resetMs: number;
};

/** What a window store (Redis or in-process) answers for one request. */
export type WindowResult = {
  allowed: boolean;
  /** the limit that refused it, the identity's first when both are full */
  scope: Scope | null;
  /** the decision's time in ms since the epoch: Redis's clock, or this process's in fallback */
  at: number;
  key: WindowState;
  global: WindowState;
};

export type MeasuredDecision = WindowResult & {
  outcome: 'allowed' | 'rejected';
  backend: 'redis' | 'memory';
  windowMs: number;
  /** ms until a retry can succeed (both refusing windows have room); 0 when allowed */
  retryAfterMs: number;
};

export type BypassedDecision = { outcome: 'bypassed'; allowed: true; scope: null; backend: 'none' };

export type RateLimitDecision = MeasuredDecision | BypassedDecision;

export function windowState(limit: number, count: number, resetMs: number): WindowState {
  return { limit, count, remaining: Math.max(0, limit - count), resetMs: Math.max(0, resetMs) };
}

export function checkPolicy(p: RateLimitPolicy): RateLimitPolicy {
  for (const [name, v] of Object.entries(p)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`rate limit policy: ${name} must be a positive integer, got ${v}`);
  }
  return p;
}
