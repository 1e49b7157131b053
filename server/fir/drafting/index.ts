// The drafting room's public face: the Drafter seam, the built-in deterministic
// drafter and the extractors other code may reuse (e.g. to highlight phones in a
// statement). draftingService() is what services use: the built-in drafter, refined by
// an LLM when LLM_BASE_URL is set (ModelDrafter, which falls back to the built-in draft).
import { remember } from '../../lib';
import { BuiltinDrafter } from './builtin-drafter';
import { AsrClient, asrConfigFromEnv, LlmClient, llmConfigFromEnv, ModelDrafter } from './model-server';
import type { Drafter } from './types';

export type { DraftContext, DraftRefinement, Drafter, FirDraft, Found, SectionSuggestion } from './types';
export {
  AsrClient,
  LlmClient,
  ModelDrafter,
  asrConfigFromEnv,
  llmConfigFromEnv,
  type AsrConfig,
  type LlmConfig,
  type ModelDrafterOptions,
  type Transcription,
  type TranscribeOptions,
} from './model-server';
export { BuiltinDrafter } from './builtin-drafter';
export { extractDates } from './extract-dates';
export { extractTimes } from './extract-times';
export { extractPhones } from './extract-phones';
export { extractAmounts } from './extract-amounts';
export { extractNames, findNameHits } from './extract-names';
export { extractPlaces } from './extract-places';
export { extractProperty } from './extract-property';
export { extractAccused } from './extract-accused';
export { buildOccurrenceWindow } from './occurrence-window';
export { rankSections } from './rank-sections';
export { cueFacts } from './cue-facts';

let shared: BuiltinDrafter | undefined;

/** The process-wide drafter (stateless apart from the per-KB index cache, so one is enough). */
export function defaultDrafter(): Drafter {
  shared ??= new BuiltinDrafter();
  return shared;
}

/** The drafter services use: ModelDrafter over the built-in one when an LLM is configured. */
export function draftingService(): Drafter {
  return remember('drafting:service', () => {
    const llm = llmConfigFromEnv();
    return llm ? new ModelDrafter({ llm: new LlmClient(llm), builtin: defaultDrafter() }) : defaultDrafter();
  });
}

/** The speech-to-text client when ASR_BASE_URL is set, else null. */
export function asrClient(): AsrClient | null {
  return remember('drafting:asr', () => {
    const asr = asrConfigFromEnv();
    return asr ? new AsrClient(asr) : null;
  });
}
