// Precomputed matching structures for one knowledge base: each offence entry's
// keyword phrases as stem keys with an IDF-style weight (a word many sections share,
// like "knife", says less than "snatched"), its distinctive title stems, and lookups
// by section and by family ("303" with "303(2)"). Built once per KB array and cached
// by identity, so drafting never re-tokenises the KB.
import type { TBnsSection } from '../bns/types';
import { phraseKeys, stemWord } from './text-stems';

export type IndexedPhrase = { raw: string; keys: string[]; weight: number };

export type IndexedSection = {
  entry: TBnsSection;
  /** position in the KB as given (sorted by section number): the stable tie-break */
  order: number;
  /** "303" for "303(2)", "305" for "305(a)" */
  base: string;
  phrases: IndexedPhrase[];
  titleKeys: { key: string; weight: number }[];
};

export type SectionIndex = {
  /** offence entries only: definitions and general principles are never suggested on their own */
  offences: IndexedSection[];
  /** every entry, offence or not (cue rules may add a non-offence companion such as 3(5)) */
  bySection: Map<string, IndexedSection>;
  /** entries of a base number, parent first */
  families: Map<string, IndexedSection[]>;
};

// Title words that say nothing about which offence it is
const GENERIC_TITLE = new Set(
  'punishment offence person voluntarily causing act intent certain case commit other otherwise than use being etc whoever thing done including'
    .split(' ')
    .map(stemWord),
);

const cache = new WeakMap<readonly TBnsSection[], SectionIndex>();

export function baseOf(section: string): string {
  return section.replace(/\(.*$/, '');
}

function idf(df: number, families: number): number {
  return Math.log(1 + families / Math.max(1, df)) / Math.log(1 + families);
}

function build(sections: readonly TBnsSection[]): SectionIndex {
  const bySection = new Map<string, IndexedSection>();
  const families = new Map<string, IndexedSection[]>();
  const all: IndexedSection[] = sections.map((entry, order) => ({ entry, order, base: baseOf(entry.section), phrases: [], titleKeys: [] }));
  for (const s of all) {
    bySection.set(s.entry.section, s);
    const family = families.get(s.base) ?? [];
    family.push(s);
    families.set(s.base, family);
  }
  const offences = all.filter((s) => s.entry.isOffence);
  // Document frequency by family, so a parent repeating its sub-section's keywords does not dilute them
  const phraseDf = new Map<string, Set<string>>();
  const titleDf = new Map<string, Set<string>>();
  const note = (df: Map<string, Set<string>>, key: string, base: string) => {
    const set = df.get(key) ?? new Set<string>();
    set.add(base);
    df.set(key, set);
  };
  const parsed = offences.map((s) => {
    const phrases = s.entry.keywords.map((raw) => ({ raw, keys: phraseKeys(raw) })).filter((p) => p.keys.length > 0);
    const titles = [...new Set(phraseKeys(s.entry.title).filter((k) => !GENERIC_TITLE.has(k) && k.length > 2))];
    for (const p of phrases) note(phraseDf, p.keys.join(' '), s.base);
    for (const k of titles) note(titleDf, k, s.base);
    return { s, phrases, titles };
  });
  const familyCount = new Set(offences.map((s) => s.base)).size;
  for (const { s, phrases, titles } of parsed) {
    const seen = new Set<string>();
    for (const p of phrases) {
      const key = p.keys.join(' ');
      if (seen.has(key)) continue; // "rape" and "raped" stem alike: count once
      seen.add(key);
      const lengthFactor = 1 + 0.6 * (p.keys.length - 1); // a matched phrase says more than a word
      // "could have died" is just "died" once stop words go: it must not count as the whole phrase
      const collapsed = p.keys.length === 1 && /\s/.test(p.raw.trim()) ? 0.5 : 1;
      s.phrases.push({ raw: p.raw, keys: p.keys, weight: collapsed * lengthFactor * idf(phraseDf.get(key)?.size ?? 1, familyCount) });
    }
    s.titleKeys = titles.map((key) => ({ key, weight: idf(titleDf.get(key)?.size ?? 1, familyCount) }));
  }
  return { offences, bySection, families };
}

/** The index for a KB array, built on first use and cached by array identity. */
export function sectionIndex(sections: readonly TBnsSection[]): SectionIndex {
  let index = cache.get(sections);
  if (!index) {
    index = build(sections);
    cache.set(sections, index);
  }
  return index;
}

/**
 * The KB entry a rule means by "331(4)": that exact entry, or its family's parent when
 * the KB has no such sub-section, so rules keep working on a coarser KB.
 */
export function resolveSection(index: SectionIndex, section: string): IndexedSection | undefined {
  return index.bySection.get(section) ?? index.bySection.get(baseOf(section));
}
