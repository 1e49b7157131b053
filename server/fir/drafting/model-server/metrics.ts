// Model-server latency and outcome (backend-optimization Property 23: for any request
// to a model server, record the server, the latency and success or failure).
// One observation per attempt that reached the server (success | error | timeout),
// and one per call the breaker rejected without trying (rejected, ~0 s).
import client from 'prom-client';
import { remember } from '../../../lib';
import { registry } from '../../../observability';
import type { AttemptOutcome } from '../../../resilience/policies';

export const modelServerRequestDuration = remember(
  'metrics:model_server_request_duration_seconds',
  () =>
    new client.Histogram({
      name: 'model_server_request_duration_seconds',
      help: 'Requests to model servers (llm, asr) by outcome: success, error, timeout, rejected (breaker open)',
      labelNames: ['server', 'outcome'] as const,
      // A YES/NO answer takes tens of ms on a small model, a transcription seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
      registers: [registry],
    }),
);

export function observeModelServer(server: string): (outcome: AttemptOutcome, seconds: number) => void {
  return (outcome, seconds) => modelServerRequestDuration.observe({ server, outcome }, seconds);
}
