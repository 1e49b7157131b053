// Section ranking of the built-in drafter against a small fixture KB (so these tests do
// not depend on the real KB's wording): stemming and negation, the strong cue rules,
// the 3(5) companion, parent/sub-section handling, determinism and the per-KB cache.
import { describe, expect, it } from 'vitest';
import type { TBnsSection } from '../../server/fir/bns/types';
import { BuiltinDrafter, defaultDrafter } from '../../server/fir/drafting';
import { sectionIndex } from '../../server/fir/drafting/section-index';
import { stemWord } from '../../server/fir/drafting/text-stems';

function entry(section: string, title: string, keywords: string[], isOffence = true): TBnsSection {
  return {
    section,
    title,
    chapter: 'XVII',
    chapterTitle: 'Offences against property',
    description: `Test entry for ${title}, long enough to be valid.`,
    punishment: 'Imprisonment up to 3 years',
    cognizable: 'cognizable',
    bailable: 'bailable',
    triableBy: 'Any Magistrate',
    ipc: null,
    keywords,
    isOffence,
  };
}

const KB: TBnsSection[] = [
  entry('3(5)', 'Acts done by several persons in furtherance of common intention', ['together', 'jointly'], false),
  entry('64', 'Punishment for rape', ['rape', 'raped']),
  entry('64(1)', 'Punishment for rape', ['rape', 'raped', 'against my will']),
  entry('103(1)', 'Punishment for murder', ['murder', 'killed', 'died on the spot']),
  entry('106(1)', 'Causing death by negligence', ['rash driving', 'negligent driving', 'hit by vehicle']),
  entry('115(2)', 'Punishment for voluntarily causing hurt', ['beat me', 'slapped', 'hit']),
  entry('281', 'Rash driving or riding on a public way', ['rash driving', 'high speed']),
  entry('303(2)', 'Punishment for theft', ['theft', 'stolen', 'missing']),
  entry('304', 'Snatching', ['snatching']),
  entry('304(2)', 'Punishment for snatching', ['snatched', 'chain snatching']),
  entry('305(a)', 'Theft in any building used as a dwelling', ['stolen from my house', 'theft in shop']),
  entry('309(4)', 'Punishment for robbery', ['robbed', 'at knife point']),
  entry('318(4)', 'Cheating and dishonestly inducing delivery of property', ['cheated', 'otp', 'fraud']),
  entry('319(2)', 'Punishment for cheating by personation', ['pretended to be', 'posed as']),
  entry('331(4)', 'House-breaking by night in order to commit offence', ['broke the lock at night', 'night burglary']),
  entry('351(2)', 'Punishment for criminal intimidation', ['threatened', 'threat']),
  entry('351(3)', 'Criminal intimidation by threat to cause death', ['threatened to kill', 'death threat']),
];

const NOW = new Date('2026-03-15T10:00:00+05:30');
const drafter = new BuiltinDrafter();
const rank = async (text: string, kb: readonly TBnsSection[] = KB) => (await drafter.draft(text, { now: NOW, sections: kb })).suggestedSections;
const sections = async (text: string, kb: readonly TBnsSection[] = KB) => (await rank(text, kb)).map((s) => s.section);

describe('stemming and negation', () => {
  it('gives inflections and irregular forms one stem', () => {
    for (const [a, b] of [['stole', 'stealing'], ['stolen', 'theft'], ['threatened', 'threatening'], ['robbed', 'robbery'], ['snatched', 'snatching'], ['forged', 'forgery'], ['harassed', 'harassment'], ['died', 'dead'], ['injuries', 'injured']] as const) {
      expect(stemWord(a)).toBe(stemWord(b));
    }
    expect(stemWord('personation')).not.toBe(stemWord('person'));
  });

  it('matches a keyword through its inflections', async () => {
    expect((await sections('Someone stole my bicycle.'))[0]).toBe('303(2)');
  });

  it('does not count a negated act', async () => {
    expect(await sections('He did not threaten me, he only argued.')).not.toContain('351(2)');
    expect(await sections('He threatened me.')).toContain('351(2)');
  });
});

describe('cue rules', () => {
  it('ranks snatching above theft, with common intention as a lower companion for two men', async () => {
    const s = await rank('Two men on a motorcycle snatched my gold chain and my purse is missing.');
    expect(s[0]?.section).toBe('304(2)');
    const theft = s.findIndex((x) => x.section === '303(2)');
    const companion = s.findIndex((x) => x.section === '3(5)');
    expect(companion).toBeGreaterThan(0);
    expect(theft === -1 || theft > 0).toBe(true);
    expect(s[companion]!.score).toBeLessThan(s[0]!.score);
  });

  it('reads a lock broken at night with theft as house-breaking by night and theft from a building', async () => {
    const s = await sections('At night unknown persons broke the lock of my shop and stole cash of Rs 45,000.');
    expect(s.slice(0, 3)).toEqual(expect.arrayContaining(['331(4)', '305(a)']));
  });

  it('takes a death on the road as death by negligence, not murder', async () => {
    const s = await sections('A lorry driven at high speed in a rash manner hit my father and he died on the spot.');
    expect(s.slice(0, 2)).toEqual(expect.arrayContaining(['106(1)', '281']));
    expect(s.indexOf('103(1)') === -1 || s.indexOf('103(1)') > s.indexOf('106(1)')).toBe(true);
  });

  it('takes a fake bank call with an OTP as cheating and cheating by personation', async () => {
    const s = await sections('A caller posing as a bank officer asked for the OTP and Rs 50,000 was debited. I was cheated.');
    expect(s.slice(0, 2)).toEqual(['318(4)', '319(2)']);
  });

  it('adds no companion for a single accused', async () => {
    expect(await sections('My neighbour Shivappa slapped me.')).not.toContain('3(5)');
  });
});

describe('the suggestion list', () => {
  it('is sorted by score in [0, 1], at most ten, each with terms and a reason', async () => {
    const s = await rank('Two men robbed me at knife point, beat me, threatened to kill me and my phone was stolen.');
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(10);
    for (const [i, x] of s.entries()) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(x.score).toBeLessThanOrEqual(s[i - 1]!.score);
      expect(x.reason.length).toBeGreaterThan(0);
      expect(x.reason.length).toBeLessThanOrEqual(160);
    }
    expect(s.find((x) => x.section === '309(4)')?.matchedTerms).toContain('knife point'); // terms start at the first content word
  });

  it('cites the sub-section, not its parent, once the sub-section matches', async () => {
    const s = await sections('He raped me against my will.');
    expect(s).toContain('64(1)');
    expect(s).not.toContain('64');
  });

  it('falls back to the parent section when the KB has no such sub-section', async () => {
    const coarse = KB.filter((e) => e.section !== '304(2)');
    expect((await sections('He snatched my chain.', coarse))[0]).toBe('304');
  });

  it('breaks ties by KB order, so equal input gives equal output', async () => {
    const twins = [entry('10', 'First twin offence', ['zebra crossing']), entry('11', 'Second twin offence', ['zebra crossing'])];
    expect(await sections('He pushed me on the zebra crossing.', twins)).toEqual(['10', '11']);
    const text = 'Two men on a motorcycle snatched my chain near the bus stand at 9 pm yesterday.';
    const a = await drafter.draft(text, { now: NOW, sections: KB });
    const b = await drafter.draft(text, { now: NOW, sections: KB });
    expect({ ...a, tookMs: 0 }).toEqual({ ...b, tookMs: 0 });
  });

  it('returns no suggestions for an empty KB or a narrative with no offence words', async () => {
    expect(await sections('Two men snatched my chain.', [])).toEqual([]);
    expect(await sections('I want to register my address change.')).toEqual([]);
  });
});

describe('drafter plumbing', () => {
  it('builds the KB index once per KB array', () => {
    expect(sectionIndex(KB)).toBe(sectionIndex(KB));
    expect(sectionIndex([...KB])).not.toBe(sectionIndex(KB));
  });

  it('names itself, trims the narrative and keeps offsets relative to the trimmed text', async () => {
    expect(defaultDrafter()).toBe(defaultDrafter());
    expect(defaultDrafter().name).toBe('builtin');
    const d = await drafter.draft('   Call me on 9876543210.  ', { now: NOW, sections: KB });
    expect(d.drafter).toBe('builtin');
    expect(d.narrative).toBe('Call me on 9876543210.');
    expect(d.phones[0]).toMatchObject({ start: 11, end: 21 });
    expect(d.tookMs).toBeGreaterThanOrEqual(0);
  });
});
