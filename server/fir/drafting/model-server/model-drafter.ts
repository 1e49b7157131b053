// A Drafter that runs the built-in drafter, then asks the LLM about its top
// candidate sections (YES/NO each, as the original AFIRGen did) and, optionally, for a
// cleaned-up narrative. YES raises a section's score, NO removes it, an unclear answer
// leaves it alone; sections outside the top candidates are kept as they were.
//
// The model only refines: when it is not configured, fails, is too slow or its breaker
// is open, the built-in draft is returned as it was, with `refinement` saying
// 'skipped' or 'fallback' and why, so the UI can say built-in suggestions are shown.
// All-or-nothing: one failed question discards the others' answers, so a draft is
// never half-checked.
import { isBrokenCircuitError } from 'cockatiel';
import { AppError } from '../../../lib';
import { logger } from '../../../observability';
import { CancelledError, explain } from '../../../resilience/policies';
import { BuiltinDrafter } from '../builtin-drafter';
import type { DraftContext, DraftRefinement, Drafter, FirDraft, SectionSuggestion } from '../types';
import type { LlmClient } from './llm-client';

export type ModelDrafterOptions = {
  /** null: never refine (refinement 'skipped') */
  llm: LlmClient | null;
  builtin?: Drafter;
  /** how many of the built-in drafter's best sections to ask about */
  candidates?: number;
  /** also ask for a cleaned-up narrative (one more request, in parallel) */
  summary?: boolean;
  /** the most a draft waits for the model, ms; default 2 × the LLM timeout + 1 s (one retry) */
  budgetMs?: number;
};

const DEFAULT_CANDIDATES = 5; // the officer reads the first few; asking about all 10 doubles the load
const CONFIRM_BOOST = 0.25; // a YES moves a score a quarter of the way to 1 (monotone, so order among YES holds)

type Answer = { suggestion: SectionSuggestion; verdict: 'yes' | 'no' | 'unclear' | 'not asked' };

export class ModelDrafter implements Drafter {
  readonly name: string;
  private readonly builtin: Drafter;
  private readonly candidates: number;
  private readonly withSummary: boolean;
  private readonly budgetMs: number;

  constructor(private readonly opts: ModelDrafterOptions) {
    this.builtin = opts.builtin ?? new BuiltinDrafter();
    this.candidates = opts.candidates ?? DEFAULT_CANDIDATES;
    this.withSummary = opts.summary ?? true;
    this.budgetMs = opts.budgetMs ?? (opts.llm ? opts.llm.config.timeoutMs * 2 + 1000 : 0);
    this.name = opts.llm ? `${this.builtin.name}+llm` : this.builtin.name;
  }

  async draft(narrative: string, ctx: DraftContext): Promise<FirDraft> {
    const base = await this.builtin.draft(narrative, ctx);
    const llm = this.opts.llm;
    if (!llm) return { ...base, refinement: { server: 'llm', status: 'skipped', reason: 'no model server is configured', tookMs: 0 } };
    const asked = base.suggestedSections.slice(0, this.candidates);
    if (!base.narrative || (asked.length === 0 && !this.withSummary)) {
      return { ...base, refinement: { server: llm.server, status: 'skipped', reason: 'nothing to ask the model about', tookMs: 0 } };
    }

    const started = performance.now();
    const stop = new AbortController(); // one failure cancels the rest: the answer is all-or-nothing
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(this.budgetMs)]);
    const kb = new Map(ctx.sections.map((s) => [s.section, s]));
    const ask = async (suggestion: SectionSuggestion): Promise<Answer> => {
      const section = kb.get(suggestion.section);
      if (!section?.isOffence) return { suggestion, verdict: 'not asked' }; // e.g. 3(5) common intention: not an offence by itself
      return { suggestion, verdict: await llm.askSection(base.narrative, section, { signal }) };
    };
    const guard = <T>(p: Promise<T>) =>
      p.catch((err: unknown) => {
        stop.abort();
        throw err;
      });
    try {
      const [answers, summary] = await Promise.all([
        Promise.all(asked.map((s) => guard(ask(s)))),
        this.withSummary ? guard(llm.summarize(base.narrative, { signal })) : Promise.resolve(undefined),
      ]);
      const tookMs = round(performance.now() - started);
      const refinement: DraftRefinement = {
        server: llm.server,
        status: 'applied',
        tookMs,
        confirmed: answers.filter((a) => a.verdict === 'yes').map((a) => a.suggestion.section),
        dropped: answers.filter((a) => a.verdict === 'no').map((a) => a.suggestion.section),
        ...(summary ? { summary } : {}),
      };
      return {
        ...base,
        suggestedSections: rerank(answers, base.suggestedSections.slice(asked.length)),
        drafter: this.name,
        tookMs: round(base.tookMs + tookMs),
        refinement,
      };
    } catch (err) {
      stop.abort();
      const tookMs = round(performance.now() - started);
      const reason = fallbackReason(err, this.budgetMs);
      // While the breaker is open every draft lands here: the breaker's own transitions
      // and metrics already say so, one warning per draft would drown the log.
      if (isBrokenCircuitError(err instanceof AppError ? err.cause : err)) logger.debug({ server: llm.server, reason }, 'model refinement skipped: circuit open');
      else logger.warn({ err, server: llm.server, tookMs, reason }, 'model refinement failed; built-in draft returned');
      return { ...base, refinement: { server: llm.server, status: 'fallback', reason, tookMs } };
    }
  }
}

function rerank(answers: Answer[], rest: SectionSuggestion[]): SectionSuggestion[] {
  const kept: SectionSuggestion[] = [];
  for (const { suggestion: s, verdict } of answers) {
    if (verdict === 'no') continue;
    if (verdict !== 'yes') kept.push(s);
    else kept.push({ ...s, score: Math.round((s.score + (1 - s.score) * CONFIRM_BOOST) * 1000) / 1000, reason: `${s.reason} · confirmed by the model server` });
  }
  // Stable: equal scores keep the built-in order. The rest scored no higher than any asked one.
  return [...kept.sort((a, b) => b.score - a.score), ...rest];
}

/** Why the model's answer was not used, for the officer. */
function fallbackReason(err: unknown, budgetMs: number): string {
  const last = err instanceof AppError && err.code === 'UNAVAILABLE' ? err.cause : err;
  if (isBrokenCircuitError(last)) return 'the model server is unavailable (circuit open)';
  if (last instanceof CancelledError || (last instanceof Error && last.name === 'TimeoutError')) {
    return `the model server did not answer within ${budgetMs} ms`;
  }
  if (err instanceof AppError && err.code === 'UNAVAILABLE') {
    const attempts = Number(err.details?.attempts ?? 0);
    return `the model server is unavailable (${explain(last).reason}, ${attempts} attempt${attempts === 1 ? '' : 's'})`;
  }
  return `the model server could not be used (${explain(err).reason})`;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
