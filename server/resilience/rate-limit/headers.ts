// How a decision is told to an HTTP client: the IETF draft's RateLimit-Policy and
// RateLimit fields on every limited response, and for a refusal the RATE_LIMITED
// AppError (429 with Retry-After, via the error table and the REST error handler).
//
// Fields as in draft-ietf-httpapi-ratelimit-headers-10 (September 2025): Structured
// Field lists of quoted policy names with parameters, q (quota) and w (window, s) in
// RateLimit-Policy, r (remaining) and t (seconds until more quota is made available:
// -10 reworded t that way so sliding windows fit) in RateLimit. Both policies are
// listed, the client's own first; the global one's r hints at overall traffic, which
// this API does not treat as secret.
import { AppError } from '../../lib';
import type { MeasuredDecision, WindowState } from './policy';

export const POLICY_NAMES = { key: 'per-key', global: 'global' } as const;

const seconds = (ms: number) => Math.ceil(ms / 1000);

export function rateLimitHeaders(d: MeasuredDecision): { 'ratelimit-policy': string; ratelimit: string } {
  const w = seconds(d.windowMs);
  const policy = (name: string, s: WindowState) => `"${name}";q=${s.limit};w=${w}`;
  const state = (name: string, s: WindowState) => `"${name}";r=${s.remaining};t=${seconds(s.resetMs)}`;
  return {
    'ratelimit-policy': `${policy(POLICY_NAMES.key, d.key)}, ${policy(POLICY_NAMES.global, d.global)}`,
    ratelimit: `${state(POLICY_NAMES.key, d.key)}, ${state(POLICY_NAMES.global, d.global)}`,
  };
}

/** Whole seconds to wait, never 0 (a Retry-After of 0 invites a retry that fails). */
export const retryAfterSeconds = (d: MeasuredDecision): number => Math.max(1, seconds(d.retryAfterMs));

/** The error a refused request answers with; details as the REST envelope shows them. */
export function rateLimitedError(d: MeasuredDecision): AppError {
  const scope = d.scope ?? 'key';
  const limit = scope === 'global' ? d.global.limit : d.key.limit;
  const windowSeconds = seconds(d.windowMs);
  const retry = retryAfterSeconds(d);
  const whose = scope === 'global' ? 'across all clients' : 'for this client';
  return new AppError(
    'RATE_LIMITED',
    `Rate limit exceeded: ${limit} requests per ${windowSeconds} s ${whose}. Retry after ${retry} s.`,
    { limit, windowSeconds, retryAfterSeconds: retry, scope },
  );
}
