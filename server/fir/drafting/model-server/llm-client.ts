// Client of an OpenAI-compatible chat endpoint (POST {base}/v1/chat/completions):
// vLLM, llama.cpp's server, Ollama, LocalAI, or OpenAI itself. Every request goes
// through the server's call path (retry → breaker "model:llm" → timeout) and is
// measured per attempt (model_server_request_duration_seconds{server="llm"}).
import { z } from 'zod';
import type { TBnsSection } from '../../bns/types';
import { Resilience, UpstreamError } from '../../../resilience/policies';
import { MODEL_SERVER_RETRY, type LlmConfig } from './config';
import { endpoint, postJson } from './http';
import { observeModelServer } from './metrics';
import { MAX_SUMMARY, parseYesNo, sectionQuestion, summaryRequest, type ChatMessage } from './prompts';

const ZChatCompletion = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }) }))
    .min(1),
});

export type ChatOptions = { signal?: AbortSignal; maxTokens?: number; temperature?: number };

export class LlmClient {
  readonly server = 'llm';
  readonly resilience: Resilience;
  private readonly url: string;
  private readonly observe = observeModelServer('llm');

  constructor(readonly config: LlmConfig) {
    this.url = endpoint(config.baseUrl, '/v1/chat/completions');
    this.resilience = new Resilience({
      breaker: config.breaker ?? 'model:llm',
      timeoutMs: config.timeoutMs,
      retry: { ...MODEL_SERVER_RETRY, ...config.retry },
      breakerOptions: config.breakerOptions,
    });
  }

  /** The assistant's reply to `messages`. */
  chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
    const body = {
      model: this.config.model,
      messages,
      temperature: opts.temperature ?? 0, // the same complaint should get the same answers
      max_tokens: opts.maxTokens ?? 256,
      stream: false,
    };
    return this.resilience.execute(
      'llm chat',
      async (signal) => {
        const json = await postJson(this.server, this.url, body, { signal, apiKey: this.config.apiKey });
        const parsed = ZChatCompletion.safeParse(json);
        if (!parsed.success) throw new UpstreamError(this.server, 'llm answered without choices[0].message.content', 200, 'bad_response');
        return parsed.data.choices[0]!.message.content ?? '';
      },
      { signal: opts.signal, observe: this.observe },
    );
  }

  /** Does the complaint disclose an offence under `section`? */
  async askSection(narrative: string, section: TBnsSection, opts: ChatOptions = {}): Promise<'yes' | 'no' | 'unclear'> {
    const reply = await this.chat(sectionQuestion(narrative, section), { ...opts, maxTokens: opts.maxTokens ?? 8 });
    return parseYesNo(reply);
  }

  /** A cleaned-up, third-person narrative (never replaces the complainant's own words). */
  async summarize(narrative: string, opts: ChatOptions = {}): Promise<string> {
    const reply = await this.chat(summaryRequest(narrative), { ...opts, maxTokens: opts.maxTokens ?? 400 });
    return reply.trim().slice(0, MAX_SUMMARY);
  }
}
