// Optional model servers behind the drafter: an OpenAI-compatible LLM that checks the
// built-in drafter's section suggestions (ModelDrafter), and an OpenAI-compatible
// speech-to-text server for audio complaints (AsrClient). See docs/model-servers.md.
export { LlmClient, type ChatOptions } from './llm-client';
export { AsrClient, MAX_AUDIO_BYTES, type TranscribeOptions, type Transcription } from './asr-client';
export { ModelDrafter, type ModelDrafterOptions } from './model-drafter';
export { asrConfigFromEnv, llmConfigFromEnv, MODEL_SERVER_RETRY, type AsrConfig, type LlmConfig, type ServerPolicy } from './config';
export { modelServerRequestDuration } from './metrics';
export { parseYesNo, sectionQuestion, summaryRequest, type ChatMessage } from './prompts';
