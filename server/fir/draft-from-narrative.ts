import { draftingService, type FirDraft } from './drafting';
import { loadBnsSections } from './bns/load-sections';

/** Drafts a FIR's facts and suggested sections from a complaint narrative (built-in drafter, model-refined when configured). */
export function draftFromNarrative(narrative: string, now = new Date()): Promise<FirDraft> {
  return draftingService().draft(narrative, { now, sections: loadBnsSections() });
}
