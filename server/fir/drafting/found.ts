// Small helpers shared by the extractors: making a Found value from a span of the
// narrative, and resolving overlapping candidate matches so that each stretch of
// text is claimed by one extractor rule only (the longest, then the earliest).
import type { Found } from './types';

export type Span = { start: number; end: number };

export function found<T>(narrative: string, value: T, start: number, end: number): Found<T> {
  return { value, text: narrative.slice(start, end), start, end };
}

/**
 * Keeps the longest hits that do not overlap each other, returned in text order.
 * Longest wins because the longer rule saw more context ("12th March 2026" beats
 * "March 20"); ties go to the earlier hit so the result does not depend on rule order.
 */
export function pickNonOverlapping<T extends Span>(hits: readonly T[]): T[] {
  const byStrength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const hit of byStrength) {
    if (kept.every((k) => hit.end <= k.start || hit.start >= k.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** All matches of a global regex, with their offsets (a thin wrapper so callers read as intent). */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  if (!re.global) throw new Error(`matchesOf needs a global regex: ${re}`);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++; // never loop on an empty match
    yield m;
  }
}

/** Start offsets of sentences: after . ! ? or a line break, skipping common abbreviations. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const re = /([.!?])\s+|\n+/g;
  for (const m of matchesOf(re, text)) {
    if (m[1] === '.') {
      const before = text.slice(Math.max(0, m.index - 6), m.index);
      // "Rs. 500", "No. 14", "Mr. Rao", "S/o.", "Sy. No." do not end a sentence
      if (/(?:\b(?:rs|no|nos|mr|mrs|ms|dr|sy|st|smt|sri|shri|reg|regd|approx|ph|mob|vs|viz|etc|s\/o|w\/o|d\/o|[a-z]))$/i.test(before)) {
        continue;
      }
    }
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** Index of the sentence containing `offset`, given sentenceStarts(). */
export function sentenceIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
