// Client of an OpenAI-compatible speech-to-text endpoint
// (POST {base}/v1/audio/transcriptions, multipart: file, model, language,
// response_format): whisper.cpp's server, faster-whisper-server, vLLM, OpenAI.
// Same call path as the LLM (retry → breaker "model:asr" → timeout), measured as
// model_server_request_duration_seconds{server="asr"}.
import { z } from 'zod';
import { Resilience, UpstreamError } from '../../../resilience/policies';
import { MODEL_SERVER_RETRY, type AsrConfig } from './config';
import { endpoint, postForm } from './http';
import { observeModelServer } from './metrics';

const ZTranscription = z.object({
  text: z.string(),
  language: z.string().optional(),
  duration: z.number().optional(),
});

export type TranscribeOptions = {
  filename?: string;
  mimeType?: string;
  /** ISO-639-1, e.g. "hi", "en"; omitted → the server detects it */
  language?: string;
  /** verbose_json also returns the detected language and the audio's duration */
  responseFormat?: 'json' | 'verbose_json';
  signal?: AbortSignal;
};

export type Transcription = { text: string; language: string | null; durationSeconds: number | null };

export const MAX_AUDIO_BYTES = 25 * 1024 * 1024; // OpenAI's own upload limit; larger files fail there anyway

export class AsrClient {
  readonly server = 'asr';
  readonly resilience: Resilience;
  private readonly url: string;
  private readonly observe = observeModelServer('asr');

  constructor(readonly config: AsrConfig) {
    this.url = endpoint(config.baseUrl, '/v1/audio/transcriptions');
    this.resilience = new Resilience({
      breaker: config.breaker ?? 'model:asr',
      timeoutMs: config.timeoutMs,
      retry: { ...MODEL_SERVER_RETRY, ...config.retry },
      breakerOptions: config.breakerOptions,
    });
  }

  transcribe(audio: Uint8Array, opts: TranscribeOptions = {}): Promise<Transcription> {
    if (audio.byteLength === 0) throw new RangeError('no audio to transcribe');
    if (audio.byteLength > MAX_AUDIO_BYTES) throw new RangeError(`audio is ${audio.byteLength} bytes; the limit is ${MAX_AUDIO_BYTES}`);
    const format = opts.responseFormat ?? 'json';
    const bytes = new Uint8Array(audio); // a copy on a plain ArrayBuffer, which Blob requires
    return this.resilience.execute(
      'asr transcribe',
      async (signal) => {
        // A fresh form per attempt: a FormData body is consumed by the request.
        const form = new FormData();
        form.set('file', new Blob([bytes], { type: opts.mimeType ?? 'audio/wav' }), opts.filename ?? 'complaint.wav');
        form.set('model', this.config.model ?? 'whisper-1');
        form.set('response_format', format);
        if (opts.language) form.set('language', opts.language);
        const json = await postForm(this.server, this.url, form, { signal, apiKey: this.config.apiKey });
        const parsed = ZTranscription.safeParse(json);
        if (!parsed.success) throw new UpstreamError(this.server, 'asr answered without a text field', 200, 'bad_response');
        return { text: parsed.data.text.trim(), language: parsed.data.language ?? null, durationSeconds: parsed.data.duration ?? null };
      },
      { signal: opts.signal, observe: this.observe },
    );
  }
}
