// Resilience: retries and circuit breakers (policies/), rate limits (rate-limit/),
// and the console's view and controls over both.
export * from './policies';
export * from './rate-limit';
export { limitStats, type Consumer } from './limit-stats';
export { listLimitOverrides, setLimitOverride, overrideFor, type LimitOverride } from './limit-overrides';
export {
  controlBreaker,
  overrideLimit,
  ZBreakerActionInput,
  ZSetLimitOverrideInput,
  type TBreakerActionInput,
  type TSetLimitOverrideInput,
} from './console-controls';
