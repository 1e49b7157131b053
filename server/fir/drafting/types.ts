// The seam between a complaint narrative and a draft FIR. The built-in drafter is
// deterministic (rules + the BNS knowledge base); an external model server can be
// put behind the same interface later to refine drafts.
import type { TBnsSection } from '../bns/types';

/** A value found in the narrative, with where it was found (for highlighting in the UI). */
export type Found<T> = { value: T; text: string; start: number; end: number };

export type SectionSuggestion = {
  section: string;
  title: string;
  /** relevance in [0, 1]; suggestions are sorted by it, highest first */
  score: number;
  /** the narrative's words/phrases that matched this section's keywords or title */
  matchedTerms: string[];
  /** one short line saying why, for the officer */
  reason: string;
};

export type FirDraft = {
  /** the narrative, trimmed */
  narrative: string;
  /** occurrence window if dates/times were found (ISO strings, Asia/Kolkata assumed when no zone) */
  occurredFrom: Found<string> | null;
  occurredTo: Found<string> | null;
  dates: Found<string>[]; // ISO dates (YYYY-MM-DD)
  times: Found<string>[]; // HH:MM, 24 h
  places: Found<string>[]; // place phrases ("near the bus stand", "at MG Road")
  names: Found<string>[]; // person names
  phones: Found<string>[]; // normalised Indian numbers, e.g. "+919876543210"
  amounts: Found<number>[]; // rupees
  properties: { description: string; value: number | null; text: string }[];
  accused: { known: boolean; name: string | null; description: string | null }[];
  suggestedSections: SectionSuggestion[];
  /** which drafter produced this ("builtin", or a model server's name) */
  drafter: string;
  tookMs: number;
  /**
   * What a model server did to the built-in draft, when one is configured: 'applied'
   * (suggestions checked by the model), 'skipped' (nothing to ask, or no server) or
   * 'fallback' (the server failed or its breaker is open: built-in suggestions shown).
   */
  refinement?: DraftRefinement;
};

export type DraftRefinement = {
  server: string;
  status: 'applied' | 'skipped' | 'fallback';
  /** why it was skipped or fell back, in words an officer can read */
  reason?: string;
  tookMs: number;
  /** sections the model said YES to (kept, score raised) and NO to (removed) */
  confirmed?: string[];
  dropped?: string[];
  /** the model's cleaned-up narrative, when asked for; the complainant's words stay in `narrative` */
  summary?: string;
};

export type DraftContext = {
  /** the moment the complaint is made, to resolve "yesterday", "last night", "on Monday" */
  now: Date;
  /** the knowledge base to rank sections against */
  sections: readonly TBnsSection[];
};

export interface Drafter {
  readonly name: string;
  draft(narrative: string, ctx: DraftContext): Promise<FirDraft>;
}
