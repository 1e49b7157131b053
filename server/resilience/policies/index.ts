// Retries, circuit breakers and the per-dependency call path (retry → breaker →
// timeout), all on cockatiel. What other rooms may use comes from here.
export { CancelledError, classify, explain, isDependencyFailure, isTimeoutError, UpstreamError, type Classification, type ErrorClass } from './classify';
export { Retrier, RETRY_DEFAULTS, backoffFor, shouldRetryByDefault, type RetryExecuteOptions, type RetryOptions } from './retry';
export {
  ManagedBreaker,
  isCircuitOpen,
  dependencyAppError,
  BREAKER_DEFAULTS,
  TRANSITIONS_KEPT,
  type BreakerOptions,
  type BreakerSnapshot,
  type BreakerTransition,
} from './breakers';
export { BreakerRegistry, breakerRegistry } from './breaker-registry';
export { breakerMetrics, STATE_VALUE, type BreakerCallOutcome, type BreakerStateName } from './breaker-metrics';
export { CompositeBreaker, FailureRateBreaker, type FailureRateOptions } from './failure-rate-breaker';
export { Resilience, type AttemptOutcome, type ResilienceOptions, type ResilientCallOptions } from './resilient';
