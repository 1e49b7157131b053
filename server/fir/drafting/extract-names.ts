// Finds person names introduced by a cue the way complaints introduce people:
// "named X", "one X", "S/o X", "son of X", "Mr X", "Smt X", "my neighbour X",
// "accused X", "I, X,", "his mother X". A name is a run of capitalised words, cut at
// the first word that is a month, weekday, place noun or brand, so all-lower-case
// complaints yield no names (a known limit: we do not guess names without capitals).
import { matchesOf } from './found';
import { mayBeNameWord } from './name-words';
import type { Found } from './types';

/** Relations and roles that introduce a person: "my neighbour Shivappa", "the money lender Ganesh". */
export const RELATIONS = [
  'business partner', 'domestic help', 'money ?lender', 'security guard', 'ex-husband', 'ex-wife', 'brother-in-law',
  'father-in-law', 'mother-in-law', 'sister-in-law', 'son-in-law', 'daughter-in-law', 'neighbou?r', 'husband', 'wife',
  'boyfriend', 'girlfriend', 'relative', 'cousin', 'landlord', 'tenant', 'employer', 'boss', 'supervisor', 'manager',
  'friend', 'colleague', 'brother', 'sister', 'son', 'daughter', 'father', 'mother', 'uncle', 'aunt', 'nephew', 'niece',
  'grandson', 'granddaughter', 'partner', 'accountant', 'driver', 'servant', 'maid', 'help', 'owner', 'lender',
  'teacher', 'classmate', 'contractor', 'agent', 'broker', 'cashier', 'guard', 'watchman', 'worker', 'employee',
];
const RELATION_CUE = `(?:my|our|his|her|their|the|a|an|[A-Za-z]+'s)\\s+(?:(?:elder|younger|eldest|youngest|former|ex|own|real|step|local|late)\\s+)*(${RELATIONS.join('|')})`;
const PLAIN_CUE = `(named|name is|name being|one|called himself|called herself|s\\/o|w\\/o|d\\/o|c\\/o|son of|daughter of|wife of|husband of|accused(?:\\s+(?:person|persons|no\\.?\\s*\\d+))?(?:\\s+named)?|i,|i am|myself|complainant)`;
const TITLE = `(?:(?:mr|mrs|ms|miss|shri|sri|smt|kumari|km|dr|captain|capt|major|col|inspector)\\.?\\s+)`;
const CUE_RE = new RegExp(`\\b(?:${RELATION_CUE}|${PLAIN_CUE}|(mr|mrs|ms|shri|sri|smt|kumari|dr)\\.?)\\s+(?:late\\s+)?${TITLE}?`, 'gi');
// Case-sensitive on purpose: names are the capitalised words right after the cue
const NAME_WORD = /(?:[A-Z]\.\s?){0,3}[A-Z][a-z]+/y;

export type NameHit = Found<string> & {
  /** the cue that introduced the name, lower-cased: "neighbour", "s/o", "named", "mr", "i," */
  cue: string;
};

/** Reads up to four capitalised name words starting at `pos`; null if none. */
function readName(narrative: string, pos: number): { start: number; end: number } | null {
  let end = pos;
  let words = 0;
  let at = pos;
  while (words < 4) {
    NAME_WORD.lastIndex = at;
    const m = NAME_WORD.exec(narrative);
    if (!m || !mayBeNameWord(m[0].replace(/^(?:[A-Z]\.\s?)+/, '') || m[0])) break;
    end = at + m[0].length;
    words++;
    const gap = /^ (?=[A-Z])/.exec(narrative.slice(end, end + 2));
    if (!gap) break;
    at = end + 1;
  }
  return words > 0 ? { start: pos, end } : null;
}

/** Every name mention with the cue that introduced it (the accused extractor needs the cue). */
export function findNameHits(narrative: string): NameHit[] {
  const hits: NameHit[] = [];
  for (const m of matchesOf(CUE_RE, narrative)) {
    const cue = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const name = readName(narrative, m.index + m[0].length);
    if (!name) continue;
    hits.push({ value: narrative.slice(name.start, name.end), text: narrative.slice(name.start, name.end), ...name, cue });
    // "accused Ravi and Suresh", "Ravi, Suresh and Mahesh": names listed after the first share its cue
    let end = name.end;
    for (;;) {
      const join = /^(?:,\s*|\s+and\s+|\s*&\s*)/.exec(narrative.slice(end, end + 6));
      const next = join ? readName(narrative, end + join[0].length) : null;
      if (!join || !next) break;
      hits.push({ value: narrative.slice(next.start, next.end), text: narrative.slice(next.start, next.end), ...next, cue });
      end = next.end;
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  let lastEnd = -1;
  return hits.filter((h) => {
    if (h.start < lastEnd) return false; // a name found by two cues counts once
    lastEnd = h.end;
    return true;
  });
}

/** Person names, each once (its first mention), in text order. */
export function extractNames(narrative: string): Found<string>[] {
  const seen = new Set<string>();
  const out: Found<string>[] = [];
  for (const h of findNameHits(narrative)) {
    const key = h.value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value: h.value, text: h.text, start: h.start, end: h.end });
  }
  return out;
}
