// The drafting room's public face: the Drafter seam, the built-in deterministic
// drafter and the extractors other code may reuse (e.g. to highlight phones in a
// statement). defaultDrafter() is what services use unless a model server is configured.
import { BuiltinDrafter } from './builtin-drafter';
import type { Drafter } from './types';

export type { DraftContext, Drafter, FirDraft, Found, SectionSuggestion } from './types';
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
