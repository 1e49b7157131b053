// The built-in drafter: deterministic rules plus the BNS knowledge base, no model.
// Runs every extractor over the trimmed narrative (offsets refer to that trimmed
// text, which is what FirDraft.narrative holds), builds the occurrence window and
// ranks sections. Never throws on odd input: a narrative is only ever read.
import { cueFacts } from './cue-facts';
import { extractAccused } from './extract-accused';
import { extractAmounts } from './extract-amounts';
import { extractDates } from './extract-dates';
import { extractNames, findNameHits } from './extract-names';
import { extractPhones } from './extract-phones';
import { extractPlaces } from './extract-places';
import { extractProperty } from './extract-property';
import { extractPeriods, extractTimes } from './extract-times';
import { kolkataDay } from './kolkata-calendar';
import { buildOccurrenceWindow } from './occurrence-window';
import { rankSections } from './rank-sections';
import type { DraftContext, Drafter, FirDraft } from './types';

// The FIR schema caps a narrative at 20 000 characters; anything longer (a direct caller)
// is drafted from its first 20 000 so one request cannot hold the CPU.
const MAX_NARRATIVE = 20_000;

/** Drafts synchronously; the Drafter interface is async so a model server can sit behind it. */
export function draftSync(narrative: string, ctx: DraftContext, name = 'builtin'): FirDraft {
  const started = performance.now();
  const text = String(narrative ?? '').trim().slice(0, MAX_NARRATIVE);
  const dates = extractDates(text, ctx.now);
  const times = extractTimes(text);
  const amounts = extractAmounts(text);
  const nameHits = findNameHits(text);
  const names = extractNames(text);
  const { accused, count } = extractAccused(text, nameHits);
  const window = buildOccurrenceWindow(text, dates, times, extractPeriods(text), kolkataDay(ctx.now));
  const facts = cueFacts(text, { accusedCount: count, amounts, times });
  return {
    narrative: text,
    occurredFrom: window.from,
    occurredTo: window.to,
    dates,
    times,
    places: extractPlaces(text, names),
    names,
    phones: extractPhones(text),
    amounts,
    properties: extractProperty(text, amounts),
    accused,
    suggestedSections: rankSections(text, ctx.sections, facts),
    drafter: name,
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

export class BuiltinDrafter implements Drafter {
  readonly name = 'builtin';

  async draft(narrative: string, ctx: DraftContext): Promise<FirDraft> {
    return draftSync(narrative, ctx, this.name);
  }
}
