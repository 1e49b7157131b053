// Ranks the knowledge base's offence sections against a narrative: keyword phrases
// (stemmed, negation-aware, in order with at most one word between), looser
// co-occurrence of a phrase's words nearby, distinctive title words, then the cue
// rules. Raw scores saturate into [0, 1); ties keep KB order, so the same input
// always gives the same list.
import type { TBnsSection } from '../bns/types';
import type { CueFacts } from './cue-facts';
import { CUE_RULES, type CueOut } from './cue-rules';
import { resolveSection, sectionIndex, type IndexedSection, type SectionIndex } from './section-index';
import { contentTokens, type Token } from './text-stems';
import type { SectionSuggestion } from './types';

const LOOSE_FACTOR = 0.4; // all words of a phrase near each other, but not as the phrase
const LOOSE_RADIUS = 8; // content words either side
const TITLE_FACTOR = 0.35;
const SATURATION = 3; // raw score at which a suggestion reaches ~0.63
const MIN_RAW = 0.9; // below this a match is one common word: noise, not a suggestion
const SIBLING_FACTOR = 0.85; // a second sub-section of the same section is rarely cited too
export const DEFAULT_LIMIT = 10;

type Scored = { s: IndexedSection; raw: number; terms: Map<number, string>; why: string[] };

type NarrativeIndex = { tokens: Token[]; positions: Map<string, number[]> };

function indexNarrative(narrative: string): NarrativeIndex {
  const tokens = contentTokens(narrative);
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = positions.get(t.key);
    if (list) list.push(i);
    else positions.set(t.key, [i]);
  });
  return { tokens, positions };
}

/** Token index where `keys` occur as a phrase (at most one extra word between), or -1. */
function phraseAt(n: NarrativeIndex, keys: readonly string[]): { first: number; last: number } | null {
  for (const i of n.positions.get(keys[0]!) ?? []) {
    let at = i;
    let ok = true;
    for (let k = 1; k < keys.length && ok; k++) {
      if (n.tokens[at + 1]?.key === keys[k]) at += 1;
      else if (n.tokens[at + 2]?.key === keys[k]) at += 2;
      else ok = false;
    }
    if (ok) return { first: i, last: at };
  }
  return null;
}

/** Token indexes of every key within LOOSE_RADIUS of one occurrence of the first, or null. */
function looseAt(n: NarrativeIndex, keys: readonly string[]): number[] | null {
  for (const i of n.positions.get(keys[0]!) ?? []) {
    const hits = [i];
    for (const key of keys.slice(1)) {
      const near = (n.positions.get(key) ?? []).find((j) => Math.abs(j - i) <= LOOSE_RADIUS);
      if (near === undefined) break;
      hits.push(near);
    }
    if (hits.length === keys.length) return hits;
  }
  return null;
}

function scoreEntry(narrative: string, n: NarrativeIndex, s: IndexedSection): Scored {
  const terms = new Map<number, string>();
  const term = (from: Token, to: Token) => terms.set(from.start, narrative.slice(from.start, to.end));
  let raw = 0;
  for (const p of s.phrases) {
    const exact = phraseAt(n, p.keys);
    if (exact) {
      raw += p.weight;
      term(n.tokens[exact.first]!, n.tokens[exact.last]!);
      continue;
    }
    const loose = p.keys.length > 1 ? looseAt(n, p.keys) : null;
    if (loose) {
      raw += LOOSE_FACTOR * p.weight;
      for (const i of loose) term(n.tokens[i]!, n.tokens[i]!);
    }
  }
  for (const t of s.titleKeys) {
    const at = n.positions.get(t.key);
    if (at) {
      raw += TITLE_FACTOR * t.weight;
      term(n.tokens[at[0]!]!, n.tokens[at[0]!]!);
    }
  }
  return { s, raw, terms, why: [] };
}

function applyCues(index: SectionIndex, facts: CueFacts, scored: Map<IndexedSection, Scored>): { section: IndexedSection; relative: number; why: string }[] {
  const companions: { section: IndexedSection; relative: number; why: string }[] = [];
  const entry = (section: string): Scored | undefined => {
    const s = resolveSection(index, section);
    if (!s?.entry.isOffence) return undefined;
    let e = scored.get(s);
    if (!e) {
      e = { s, raw: 0, terms: new Map(), why: [] };
      scored.set(s, e);
    }
    return e;
  };
  const damps: [string, number][] = [];
  const out: CueOut = {
    boost(section, amount, why) {
      const e = entry(section);
      if (!e) return;
      e.raw = Math.max(0, e.raw + amount);
      if (why && amount > 0) e.why.push(why);
    },
    damp(section, factor) {
      damps.push([section, factor]); // after all boosts, so rule order does not matter
    },
    companion(section, relative, why) {
      const s = resolveSection(index, section);
      if (s) companions.push({ section: s, relative, why });
    },
  };
  for (const rule of CUE_RULES) rule(facts, out);
  for (const [section, factor] of damps) {
    const s = resolveSection(index, section);
    const e = s ? scored.get(s) : undefined;
    if (e) e.raw *= factor;
  }
  return companions;
}

function reasonOf(e: Scored): string {
  const terms = [...e.terms.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => `“${t}”`);
  const matched = terms.length > 0 ? `matched ${[...new Set(terms)].slice(0, 4).join(', ')}` : '';
  const why = e.why[0] ?? '';
  const line = why && matched ? `${why[0]!.toUpperCase()}${why.slice(1)}; ${matched}` : why ? `${why[0]!.toUpperCase()}${why.slice(1)}` : `M${matched.slice(1)}`;
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function suggestion(e: Scored, score: number): SectionSuggestion {
  const matchedTerms = [...new Set([...e.terms.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t.toLowerCase()))].slice(0, 8);
  return { section: e.s.entry.section, title: e.s.entry.title, score: Math.round(score * 1000) / 1000, matchedTerms, reason: reasonOf(e) };
}

/** Suggested sections for a narrative, best first (at most `limit`). */
export function rankSections(narrative: string, sections: readonly TBnsSection[], facts: CueFacts, limit = DEFAULT_LIMIT): SectionSuggestion[] {
  const index = sectionIndex(sections);
  const n = indexNarrative(narrative);
  const scored = new Map<IndexedSection, Scored>();
  for (const s of index.offences) {
    const e = scoreEntry(narrative, n, s);
    if (e.raw > 0) scored.set(s, e);
  }
  const companions = applyCues(index, facts, scored);
  // A parent ("64") repeats its sub-sections' keywords; once a sub-section ("64(1)") matches, it is the one to cite
  for (const e of [...scored.values()]) {
    const family = index.families.get(e.s.base) ?? [];
    if (e.s.entry.section === e.s.base && family.some((c) => c !== e.s && (scored.get(c)?.raw ?? 0) >= MIN_RAW)) scored.delete(e.s);
  }
  const byScore = (a: { e: Scored; score: number }, b: { e: Scored; score: number }) => b.score - a.score || a.e.s.order - b.e.s.order;
  const candidates = [...scored.values()]
    .filter((e) => e.raw >= MIN_RAW)
    .map((e) => ({ e, score: 1 - Math.exp(-e.raw / SATURATION) }))
    .sort(byScore);
  // Sub-sections of one section that only matched keywords: keep the best, lower the rest
  const familySeen = new Set<string>();
  for (const c of candidates) {
    if (familySeen.has(c.e.s.base) && c.e.why.length === 0) c.score *= SIBLING_FACTOR;
    familySeen.add(c.e.s.base);
  }
  const ranked = candidates.sort(byScore).slice(0, limit);
  const top = ranked[0]?.score ?? 0;
  for (const c of companions) {
    if (top === 0 || ranked.some((r) => r.e.s === c.section)) continue;
    ranked.push({ e: { s: c.section, raw: 0, terms: new Map(), why: [c.why] }, score: top * c.relative });
  }
  ranked.sort(byScore);
  return ranked.slice(0, limit).map((r) => suggestion(r.e, r.score));
}
