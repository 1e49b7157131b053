// Model-server settings: from the environment (server/env.ts) for the app, or given
// directly (tests, scripts). Also the call-path defaults for model servers: a draft
// is interactive, so fewer and shorter retries than the designs' 1 s / 2 s / 4 s.
import { env } from '../../../env';
import type { BreakerOptions, RetryOptions } from '../../../resilience/policies';

export type ServerPolicy = {
  /** name in the breaker registry, e.g. "model:llm" */
  breaker?: string;
  retry?: Partial<RetryOptions>;
  breakerOptions?: Partial<BreakerOptions>;
};

export type LlmConfig = ServerPolicy & {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** per request (each YES/NO question, the summary) */
  timeoutMs: number;
};

export type AsrConfig = ServerPolicy & {
  baseUrl: string;
  /** the `model` form field; OpenAI-compatible servers expect one */
  model?: string;
  apiKey?: string;
  timeoutMs: number;
};

// One retry after 250–500 ms: enough to ride over a dropped connection or one 503,
// short enough that an officer waiting on a draft does not notice.
export const MODEL_SERVER_RETRY: Partial<RetryOptions> = { maxAttempts: 1, initialDelayMs: 500, maxDelayMs: 2000 };

/** The LLM from the environment, or null when LLM_BASE_URL is not set. */
export function llmConfigFromEnv(e = env): LlmConfig | null {
  if (!e.LLM_BASE_URL) return null;
  return { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS };
}

/** The ASR server from the environment, or null when ASR_BASE_URL is not set. */
export function asrConfigFromEnv(e = env): AsrConfig | null {
  if (!e.ASR_BASE_URL) return null;
  // No key from the environment: LLM_API_KEY is not sent to what may be another host.
  return { baseUrl: e.ASR_BASE_URL, timeoutMs: e.ASR_TIMEOUT_MS };
}
