// Properties of the built-in drafter, checked on generated narratives (arbitrary
// Unicode, SQL and HTML, and complaint-like text assembled from tricky fragments):
//   determinism: drafting twice gives the same draft (tookMs aside), never throwing;
//   offsets:     every Found is exactly narrative.slice(start, end);
//   ranking:     scores in [0, 1], sorted, at most ten.
// Timing is printed, not asserted: performance figures come from benchmarks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TBnsSection } from '../../server/fir/bns/types';
import { BuiltinDrafter } from '../../server/fir/drafting';
import { draftSync } from '../../server/fir/drafting/builtin-drafter';
import type { FirDraft, Found } from '../../server/fir/drafting/types';

const KB: TBnsSection[] = ['303(2)|theft|stolen,theft,missing', '304(2)|snatching|snatched', '351(2)|intimidation|threatened,threat', '115(2)|hurt|beat me,slapped'].map(
  (line) => {
    const [section, title, keywords] = line.split('|') as [string, string, string];
    return {
      section,
      title: `Punishment for ${title}`,
      chapter: 'XVII',
      chapterTitle: 'Test chapter',
      description: `A fixture entry for ${title} used by property tests.`,
      punishment: 'Imprisonment up to 3 years',
      cognizable: 'cognizable',
      bailable: 'bailable',
      triableBy: 'Any Magistrate',
      ipc: null,
      keywords: keywords.split(','),
      isOffence: true,
    };
  },
);

const FRAGMENTS = [
  'On 12/03/2026', 'at about 9.30 pm', 'yesterday', 'last night', 'on Monday', '5th of this month', 'between 10 am and 6 pm',
  'Rs. 1,20,000', '₹5000', 'INR 2.5 lakh', '50k', 'call +91 98765 43210', '080-23456789', 'a/c no. 9876543210', 'KA-01-AB-1234',
  'my Vivo mobile phone worth Rs 18,500 was stolen', 'two men on a motorcycle snatched my gold chain', 'near the bus stand',
  'at MG Road', 'one Ramesh Kumar S/o Suresh', 'my neighbour Shivappa', 'did not threaten', 'threatened to kill me', 'unknown persons',
  "'; DROP TABLE fir; --", '<script>alert(1)</script>', '&lt;b&gt;', '\u0000', '\uD800', 'İstanbul', 'ﬁ', '१२/०३/२०२६', '🚨🚓', '\n\n', '...', ',', '(', ')',
];
const narrative = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join(' ')),
);
const now = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

function allFound(d: FirDraft): Found<unknown>[] {
  return [...d.dates, ...d.times, ...d.places, ...d.names, ...d.phones, ...d.amounts, ...(d.occurredFrom ? [d.occurredFrom] : []), ...(d.occurredTo ? [d.occurredTo] : [])];
}

describe('drafting properties', () => {
  it('determinism: any narrative drafts to the same draft twice and never throws', () => {
    fc.assert(
      fc.property(narrative, now, (text, at) => {
        const a = draftSync(text, { now: at, sections: KB });
        const b = draftSync(text, { now: at, sections: KB });
        expect({ ...a, tookMs: 0 }).toEqual({ ...b, tookMs: 0 });
      }),
      { numRuns: 400 },
    );
  });

  it('offsets: every Found value is exactly the narrative between its offsets', () => {
    fc.assert(
      fc.property(narrative, now, (text, at) => {
        const d = draftSync(text, { now: at, sections: KB });
        for (const f of allFound(d)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThanOrEqual(f.start);
          expect(d.narrative.slice(f.start, f.end)).toBe(f.text);
        }
        for (const p of d.properties) expect(d.narrative).toContain(p.text);
      }),
      { numRuns: 400 },
    );
  });

  it('ranking: scores lie in [0, 1], sorted highest first, at most ten', () => {
    fc.assert(
      fc.property(narrative, (text) => {
        const s = draftSync(text, { now: new Date('2026-03-15T10:00:00+05:30'), sections: KB }).suggestedSections;
        expect(s.length).toBeLessThanOrEqual(10);
        s.forEach((x, i) => {
          expect(x.score).toBeGreaterThanOrEqual(0);
          expect(x.score).toBeLessThanOrEqual(1);
          if (i > 0) expect(x.score).toBeLessThanOrEqual(s[i - 1]!.score);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('survives hostile and oversized input', async () => {
    const drafter = new BuiltinDrafter();
    const ctx = { now: new Date('2026-03-15T10:00:00+05:30'), sections: KB };
    for (const text of ['', '   ', "Robert'); DROP TABLE students;--", '<img src=x onerror=alert(1)>', '\uD800\uDC00\uDFFF', 'a'.repeat(50_000), '9'.repeat(5_000), 'Rs '.repeat(3_000)]) {
      const d = await drafter.draft(text, ctx);
      expect(d.narrative.length).toBeLessThanOrEqual(20_000);
    }
    // an invalid clock is the caller's bug, but drafting still answers (no relative dates)
    const d = await drafter.draft('yesterday at 9 pm', { now: new Date(Number.NaN), sections: KB });
    expect(d.dates).toEqual([]);
  });

  it('timing (printed, not asserted): a typical complaint', () => {
    const text =
      'On 12/03/2026 at around 9 pm I was walking back home from the vegetable market near Gandhi Nagar bus stand. Two men came on a black motorcycle, ' +
      'the pillion rider snatched my gold chain of 2 tolas worth about Rs 1,20,000 from my neck and both sped away. My number is 98450 12345. ';
    const ctx = { now: new Date('2026-03-15T10:00:00+05:30'), sections: KB };
    draftSync(text.repeat(2), ctx); // warm up the index and the regex compiler
    const times: number[] = [];
    for (let i = 0; i < 50; i++) times.push(draftSync(text.repeat(2), ctx).tookMs);
    times.sort((a, b) => a - b);
    console.log(`drafting a ~${text.repeat(2).split(/\s+/).length}-word complaint (fixture KB): median ${times[25]} ms, max ${times.at(-1)} ms`);
  });
});

describe('property values', () => {
  it('counts an amount once: "purse with Rs 2,500 cash" is one item of Rs 2,500', async () => {
    const { extractAmounts, extractProperty } = await import('@/server/fir/drafting');
    const text = 'Unknown persons stole my purse with Rs 2,500 cash and my Samsung phone worth Rs 18,000 from the bus.';
    const items = extractProperty(text, extractAmounts(text));
    expect(items.map((i) => [i.description, i.value])).toEqual([
      ['purse', 2500],
      ['Samsung phone', 18000],
    ]);
    expect(items.reduce((s, i) => s + (i.value ?? 0), 0)).toBe(20500);
  });
});
