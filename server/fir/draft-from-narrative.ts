import { defaultDrafter, type FirDraft } from './drafting';
import { loadBnsSections } from './bns/load-sections';

/** Drafts a FIR's facts and suggested sections from a complaint narrative (built-in drafter). */
export function draftFromNarrative(narrative: string, now = new Date()): Promise<FirDraft> {
  return defaultDrafter().draft(narrative, { now, sections: loadBnsSections() });
}
