// Rate limiting (design db-cache-infrastructure §5, properties 26–30): exact
// sliding windows per key or user and global, in Redis with an in-process fallback.
export { RateLimiter, type RateLimiterOptions, type CheckOptions } from './rate-limiter';
export {
  DEFAULT_POLICY,
  type RateLimitPolicy,
  type RateLimitDecision,
  type MeasuredDecision,
  type BypassedDecision,
  type Scope,
  type WindowState,
} from './policy';
export { rateLimitHeaders, rateLimitedError, retryAfterSeconds, POLICY_NAMES } from './headers';
export { apiLimiter, replaceApiLimiter, apiKeyIdentity, limitApiKey, limitActor, actorIdentity, envPolicy } from './api-limits';
