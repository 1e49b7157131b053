// What the cue rules may ask about a narrative: negation-aware phrase tests and the
// few facts the extractors already worked out (how many accused, the largest sum, a
// night-time clock reading). Built once per draft.
import type { Found } from './types';

const NEGATED_BEFORE = /\b(?:not|never|no|nor|neither|without|didn'?t|don'?t|doesn'?t|wasn'?t|hasn'?t|haven'?t|won'?t|cannot|can'?t)\s+(?:\w+\s+){0,2}$/;

export type CueFacts = {
  /** the narrative, lower-cased */
  text: string;
  /** true if `re` matches somewhere not under a negation ("did not threaten" does not count) */
  said(re: RegExp): boolean;
  /** how many people acted against the complainant, 0 when nothing says */
  accusedCount: number;
  /** the largest sum of money mentioned, in rupees (0 if none) */
  maxAmount: number;
  /** a clock time between 19:00 and 05:59, or the words night/midnight */
  atNight: boolean;
};

export function cueFacts(narrative: string, parts: { accusedCount: number; amounts: readonly Found<number>[]; times: readonly Found<string>[] }): CueFacts {
  const text = narrative.toLowerCase();
  const memo = new Map<RegExp, boolean>();
  const said = (re: RegExp): boolean => {
    const known = memo.get(re);
    if (known !== undefined) return known;
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let result = false;
    for (let m = global.exec(text); m; m = global.exec(text)) {
      if (!NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        result = true;
        break;
      }
      if (m[0].length === 0) global.lastIndex++;
    }
    memo.set(re, result);
    return result;
  };
  const atNight =
    /\b(?:night|midnight|mid-night)\b/.test(text) ||
    parts.times.some((t) => {
      const hour = Number(t.value.slice(0, 2));
      return hour >= 19 || hour < 6;
    });
  return {
    text,
    said,
    accusedCount: parts.accusedCount,
    maxAmount: parts.amounts.reduce((max, a) => Math.max(max, a.value), 0),
    atNight,
  };
}
