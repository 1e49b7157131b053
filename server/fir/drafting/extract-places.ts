// Finds place phrases: a cue ("at", "near", "in front of", "outside", "opposite",
// "behind", "on", "in", "from", "towards") followed by a capitalised place name
// ("at MG Road", "near Gandhi Nagar bus stand") or a short phrase ending in a place
// noun ("near the bus stand", "at the tea stall"), plus "my house", "our shop".
// The value is the phrase with its cue, as an officer would write it in the FIR.
import { found, matchesOf, pickNonOverlapping } from './found';
import { MONTH_WORDS, NOT_NAME_WORDS, PLACE_NOUNS, WEEKDAY_WORDS } from './name-words';
import type { Found } from './types';

const CUE = /\b(in front of|opposite(?: to)?|next to|close to|near(?:by)?|outside|behind|beside|inside|at|on|in|from|towards|to)\s+/gi;
const DETERMINER = /^(?:(?:the|my|our|his|her|their|a|an|this|that)\s+)?/;
const ROAD_NOUNS = new Set(['road', 'street', 'lane', 'cross', 'main', 'highway', 'flyover', 'bridge', 'circle', 'junction', 'signal', 'underbridge']);
const APPS = new Set(['whatsapp', 'facebook', 'instagram', 'twitter', 'telegram', 'youtube', 'olx', 'upi', 'paytm', 'google', 'amazon', 'flipkart']);
// Words that end a lower-case place phrase: another cue starts a new phrase
const BREAK_WORDS = new Set(['near', 'at', 'in', 'on', 'from', 'to', 'of', 'and', 'or', 'with', 'by', 'for', 'towards', 'opposite', 'behind', 'outside', 'when', 'where', 'while']);
const WORD = /[A-Za-z][\w'-]*|\d+(?:st|nd|rd|th)\b/y;

type Word = { text: string; start: number; end: number };

/** Up to `max` words from `pos`, separated by single spaces (a comma or full stop ends the run). */
function wordsFrom(text: string, pos: number, max: number): Word[] {
  const words: Word[] = [];
  let at = pos;
  while (words.length < max) {
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (!m) break;
    words.push({ text: m[0], start: at, end: at + m[0].length });
    const gap = /^ +/.exec(text.slice(at + m[0].length, at + m[0].length + 3));
    if (!gap) break;
    at += m[0].length + gap[0].length;
  }
  return words;
}

function isPlaceNoun(words: readonly Word[], i: number): number {
  const one = words[i]?.text.toLowerCase() ?? '';
  const two = `${one} ${words[i + 1]?.text.toLowerCase() ?? ''}`;
  if (/^(?:bus stand|bus stop|bus station|railway station|metro station|police station|petrol bunk|petrol pump|tea stall|pan shop)$/.test(two)) return 2;
  return PLACE_NOUNS.has(one) ? 1 : 0;
}

/** Length of the place phrase after a cue, or 0 if what follows is not a place. */
function placeLength(narrative: string, from: number, cue: string, knownNames: ReadonlySet<string>): number {
  const det = DETERMINER.exec(narrative.slice(from, from + 8))?.[0] ?? '';
  const words = wordsFrom(narrative, from + det.length, 6);
  const capitalised = (w: Word | undefined) => Boolean(w && /^[A-Z]/.test(w.text));
  let end = 0;
  let lastNoun = '';
  let sawName = false;
  let prevCapital = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.text.toLowerCase().replace(/'s$/, '');
    if (MONTH_WORDS.has(lower) || WEEKDAY_WORDS.has(lower)) return 0; // "from 12th March", "on Monday"
    const nounWords = isPlaceNoun(words, i);
    if (nounWords > 0) {
      end = words[i + nounWords - 1]!.end;
      lastNoun = words[i + nounWords - 1]!.text.toLowerCase();
      prevCapital = capitalised(w);
      i += nounWords - 1;
      continue;
    }
    // A capitalised word (or "3rd") continues a name: at the start, or right after another capitalised word
    const nameWord = capitalised(w) || (/^\d/.test(w.text) && capitalised(words[i + 1]));
    if (nameWord && (i === 0 || prevCapital) && !(NOT_NAME_WORDS.has(lower) && !PLACE_NOUNS.has(lower)) && !APPS.has(lower)) {
      sawName = sawName || capitalised(w);
      end = w.end;
      prevCapital = true;
      continue;
    }
    // Lower-case describing words may come before the noun ("the old vegetable market") but never after it
    if (end > 0 || nameWord || BREAK_WORDS.has(lower) || i >= 3) break;
    // Without a determiner, "to"/"from"/"in" need the place right away: "to go home" is not a place
    if (!det && ['to', 'from', 'in', 'towards', 'at', 'on'].includes(cue)) break;
    prevCapital = false;
  }
  if (end === 0) return 0;
  const phrase = narrative.slice(from, end);
  if (/^[A-Z]{2,}$/.test(phrase.replace(/^(?:the|a)\s+/i, '').trim()) && !lastNoun) return 0; // a bare acronym: "BMTC"
  if (cue === 'on' && !ROAD_NOUNS.has(lastNoun)) return 0; // "on Monday", "on Facebook" are not places
  if (!sawName && !lastNoun) return 0; // lower-case words without a place noun: "in the crowd"
  // A bare person's name after "to"/"with" is not a place: "married to Anil"
  if (!lastNoun && knownNames.has(phrase.replace(/^(?:the|a)\s+/i, '').trim().toLowerCase())) return 0;
  return end - from;
}

/**
 * Place phrases in text order, each distinct phrase once. `names` (from extractNames)
 * keeps a person after "to"/"from" from being read as a town.
 */
export function extractPlaces(narrative: string, names: readonly Found<string>[] = []): Found<string>[] {
  const knownNames = new Set(names.map((n) => n.value.toLowerCase()));
  const hits: Found<string>[] = [];
  for (const m of matchesOf(CUE, narrative)) {
    const length = placeLength(narrative, m.index + m[0].length, (m[1] ?? '').toLowerCase(), knownNames);
    if (length > 0) {
      const end = m.index + m[0].length + length;
      hits.push(found(narrative, narrative.slice(m.index, end), m.index, end));
    }
  }
  for (const m of matchesOf(/\b(?:my|our)\s+(?:own\s+)?(?:house|home|shop|residence|flat|farmhouse|farm|field|land|office|stall|godown|room)\b/gi, narrative)) {
    hits.push(found(narrative, m[0], m.index, m.index + m[0].length));
  }
  const seen = new Set<string>();
  return pickNonOverlapping(hits).filter((h) => {
    const key = h.value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
