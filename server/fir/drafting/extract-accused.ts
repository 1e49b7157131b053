// Tells known accused (named, or identified by relation: "my husband") from unknown
// ones ("unknown persons", "two men on a motorcycle", "unidentified youths"), and
// counts how many acted, which the ranking uses for common intention (BNS 3(5)).
// Who is an accused is read from how the complaint introduces a person: "accused X",
// "one X", "named X", "my neighbour X" are; "I, X", "S/o X", "my son X" are not.
import { matchesOf } from './found';
import type { NameHit } from './extract-names';
import type { FirDraft } from './types';

export type Accused = FirDraft['accused'][number];

// Cues that introduce someone the complaint is against (victims and family are "my son", "my father"…)
const ACCUSED_CUES = new Set([
  'named', 'name is', 'one', 'accused', 'accused named', 'accused person', 'accused persons', 'neighbour', 'neighbor', 'husband',
  'ex-husband', 'ex-wife', 'boyfriend', 'brother-in-law', 'father-in-law', 'mother-in-law', 'sister-in-law', 'relative', 'cousin',
  'landlord', 'tenant', 'employer', 'boss', 'supervisor', 'manager', 'partner', 'business partner', 'accountant', 'driver',
  'servant', 'maid', 'domestic help', 'help', 'owner', 'money lender', 'moneylender', 'lender', 'contractor', 'agent', 'broker',
  'called himself', 'called herself', 'mr', 'mrs', 'shri', 'sri', 'smt', 'dr',
]);
// Relatives of the husband named after "his"/"her" in a cruelty complaint ("his mother Kamala") are co-accused
const HIS_RELATIVES = /\b(?:his|her|their)\s+(?:mother|father|sister|brother|son|sons|friend|friends)\s+$/i;
// Known but unnamed: relations complaints are almost always made against
const UNNAMED_RELATION = /\b(?:my|our)\s+(husband|ex-husband|mother-in-law|father-in-law|brother-in-law|sister-in-law|in-laws|landlord|employer)\b/gi;
const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, some: 2, several: 3, many: 3, few: 2,
};
// "two men on a motorcycle", "unknown persons", "three masked youths", "6 to 7 persons", "some miscreants"
const UNKNOWN_GROUP = new RegExp(
  String.raw`\b(?:(unknown|unidentified|masked|armed|some|several|many|few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})(?:\s+(?:or|to|-)\s+(?:\w+))?\s+)` +
    String.raw`((?:(?:unknown|unidentified|masked|armed|young|old|tall|short|stout|strange|other|more)\s+)*)` +
    String.raw`(men|man|persons|person|people|youths|youth|boys|boy|guys|guy|fellows|lads|miscreants|miscreant|thieves|thief|robbers|robber|culprits|culprit|individuals|strangers|stranger|fraudsters|fraudster|caller|callers|women|woman|goons|gang)\b` +
    String.raw`((?:\s+(?:who\s+)?(?:came|riding|rode|arrived|fled|escaped)?\s*(?:on|in)\s+(?:a|an|two|their)?\s*(?:\w+\s+){0,2}?(?:motorcycle|motor\s?cycle|bike|scooter|car|auto|jeep|van|vehicle)s?)?)`,
  'gi',
);
const PLURAL = /^(?:men|persons|people|youths|boys|guys|fellows|lads|miscreants|thieves|robbers|culprits|individuals|strangers|fraudsters|callers|women|goons|gang)$/i;

export type AccusedFindings = { accused: Accused[]; count: number };

/** Known and unknown accused, and how many people acted (0 when nothing says). */
export function extractAccused(narrative: string, nameHits: readonly NameHit[]): AccusedFindings {
  const accused: Accused[] = [];
  const seen = new Set<string>();
  const add = (a: Accused) => {
    const key = `${a.known}|${(a.name ?? a.description ?? '').toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      accused.push(a);
    }
  };
  for (const h of nameHits) {
    const before = narrative.slice(Math.max(0, h.start - 30), h.start);
    if (ACCUSED_CUES.has(h.cue) || HIS_RELATIVES.test(before)) add({ known: true, name: h.value, description: h.cue === 'named' || h.cue === 'one' ? null : h.cue });
  }
  for (const m of matchesOf(UNNAMED_RELATION, narrative)) {
    if (/^\s+[A-Z][a-z]/.test(narrative.slice(m.index + m[0].length))) continue; // named: "my husband Anil" is counted above
    const relation = (m[1] ?? '').toLowerCase();
    if (!accused.some((a) => a.description === relation)) add({ known: true, name: null, description: relation });
  }
  let unknownCount = 0;
  for (const m of matchesOf(UNKNOWN_GROUP, narrative)) {
    const qualifier = (m[1] ?? '').toLowerCase();
    const adjectives = (m[2] ?? '').toLowerCase();
    const noun = (m[3] ?? '').toLowerCase();
    const vehicle = (m[4] ?? '').trim();
    // "a man" is an accused only when described as unknown or with a vehicle; "two men", "unknown persons" always
    const unknownWord = /unknown|unidentified|masked|miscreant|thie|robber|culprit|stranger|fraudster|goon/.test(`${qualifier} ${adjectives} ${noun}`);
    const countOf = (w: string) => COUNT_WORDS[w] ?? (Number.isFinite(Number(w)) ? Number(w) : 0);
    const range = /^(\w+)\s+(?:or|to|-)\s+(\w+)/.exec(m[0].toLowerCase()); // "six or seven persons": up to seven
    const counted = Math.max(countOf(qualifier), range ? countOf(range[2] ?? '') : 0);
    if (!unknownWord && !vehicle && counted < 2) continue;
    const n = PLURAL.test(noun) ? Math.max(counted, 2) : Math.max(1, counted === 2 && qualifier === 'some' ? 1 : counted);
    unknownCount = Math.max(unknownCount, n);
    add({ known: false, name: null, description: m[0].trim() });
  }
  const knownCount = accused.filter((a) => a.known).length;
  // "X and his friends", "along with his brothers", "in-laws": more than one acted
  const together =
    /(?:\b(?:and|with|along with)|,)\s+(?:his|her|their)\s+(?:(?:two|three|four|five|\d+)\s+)?(?:friends?|brothers?|sons?|associates?|companions?|men|relatives?|family members|gang|wife|mother|father|sisters?|uncle|cousins?|manager|accomplices?|partner|servant|driver)\b|\bin-laws\b|\b(?:both|all)\s+of\s+them\b|\b(?:a\s+)?(?:group|gang|mob)\s+of\b/i.test(narrative);
  const count = Math.max(unknownCount, knownCount, together ? 2 : 0);
  return { accused, count };
}
