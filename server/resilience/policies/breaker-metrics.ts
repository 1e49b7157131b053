// Prometheus metrics of the circuit breakers, on the process registry:
//   circuit_breaker_state{breaker}                0 closed, 1 half-open, 2 open, 3 isolated
//   circuit_breaker_transitions_total{breaker,to}
//   circuit_breaker_calls_total{breaker,outcome}  success | failure | rejected | ignored
// ("ignored": the call failed with an error that says nothing about the dependency's
// health, e.g. a 404, so the breaker did not count it).
import client from 'prom-client';
import { remember } from '../../lib';
import { registry } from '../../observability';

export type BreakerStateName = 'closed' | 'half-open' | 'open' | 'isolated';
export type BreakerCallOutcome = 'success' | 'failure' | 'rejected' | 'ignored';

export const STATE_VALUE: Record<BreakerStateName, number> = { closed: 0, 'half-open': 1, open: 2, isolated: 3 };

const stateGauge = remember(
  'metrics:circuit_breaker_state',
  () =>
    new client.Gauge({
      name: 'circuit_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open, 3 isolated',
      labelNames: ['breaker'] as const,
      registers: [registry],
    }),
);

const transitions = remember(
  'metrics:circuit_breaker_transitions_total',
  () =>
    new client.Counter({
      name: 'circuit_breaker_transitions_total',
      help: 'Circuit breaker state changes, by the state entered',
      labelNames: ['breaker', 'to'] as const,
      registers: [registry],
    }),
);

const calls = remember(
  'metrics:circuit_breaker_calls_total',
  () =>
    new client.Counter({
      name: 'circuit_breaker_calls_total',
      help: 'Calls through a circuit breaker, by outcome (success, failure, rejected, ignored)',
      labelNames: ['breaker', 'outcome'] as const,
      registers: [registry],
    }),
);

export const breakerMetrics = {
  state(breaker: string, state: BreakerStateName): void {
    stateGauge.set({ breaker }, STATE_VALUE[state]);
  },
  transition(breaker: string, to: BreakerStateName): void {
    transitions.inc({ breaker, to });
  },
  call(breaker: string, outcome: BreakerCallOutcome): void {
    calls.inc({ breaker, outcome });
  },
  /** drop a removed breaker's series */
  remove(breaker: string): void {
    stateGauge.remove({ breaker });
  },
};
