// The labelled set: realistic complaints (tests/fixtures/complaints.json) with the
// sections a lawyer would put on the FIR, drafted against the real BNS knowledge base.
// It REPORTS, for each complaint, whether every expected section is in the top five,
// and the totals; then asserts a floor the current drafter meets with a little margin.
// Ids starting "holdout" were written after the ranking was first tuned, to see how it
// does on text it was not tuned on. They stayed held out only until their first run:
// holdout scored 11/18 complaints and 20/28 sections (71 %), holdout2 3/10 and 9/19
// (47 %); the misses were then fixed with general rules, so today's figures for them
// (printed per group) are no longer an unseen-text measure. Expect new phrasings to
// land nearer those first-run numbers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BNS_DATA_DIR, loadBnsSections } from '../../server/fir/bns/load-sections';
import { BuiltinDrafter } from '../../server/fir/drafting';

type Labelled = { id: string; narrative: string; expected: string[] };

const complaints = JSON.parse(readFileSync(new URL('../fixtures/complaints.json', import.meta.url), 'utf8')) as Labelled[];
const kbPresent = existsSync(BNS_DATA_DIR) && readdirSync(BNS_DATA_DIR).filter((f) => f.endsWith('.json')).length >= 2;
// Floors the drafter meets today (99 % of sections, 68/69 complaints when set) with a margin
// for keyword edits to the KB, which is still being written; raise them as it improves
const FLOOR_SECTION_SHARE = 0.9;
const FLOOR_COMPLAINT_SHARE = 0.85;
const TOP = 5;

if (!kbPresent) console.warn(`drafting-labelled: skipped, the BNS knowledge base is not in ${BNS_DATA_DIR} yet`);

describe.skipIf(!kbPresent)('labelled complaints against the real BNS knowledge base', () => {
  it(`finds the expected sections in the top ${TOP}`, async () => {
    const kb = loadBnsSections();
    const known = new Set(kb.map((s) => s.section));
    const drafter = new BuiltinDrafter();
    const now = new Date('2026-03-15T10:00:00+05:30');
    const rows: { id: string; group: string; ok: boolean; found: number; expected: number; missing: string; top: string; ms: number }[] = [];
    for (const c of complaints) {
      // A label the KB does not have is a fixture error, not a drafting miss
      expect(c.expected.filter((s) => !known.has(s)), `${c.id}: expected sections missing from the KB`).toEqual([]);
      const d = await drafter.draft(c.narrative, { now, sections: kb });
      const top = d.suggestedSections.slice(0, TOP).map((s) => s.section);
      const missing = c.expected.filter((s) => !top.includes(s));
      rows.push({
        id: c.id,
        group: c.id.startsWith('holdout2-') ? 'holdout2' : c.id.startsWith('holdout-') ? 'holdout' : 'tuned',
        ok: missing.length === 0,
        found: c.expected.length - missing.length,
        expected: c.expected.length,
        missing: missing.join(' '),
        top: top.join(' '),
        ms: d.tookMs,
      });
    }
    console.log(
      ['id'.padEnd(34), 'all?', 'found'.padEnd(5), 'missing'.padEnd(14), `top ${TOP}`].join(' '),
      '\n' + rows.map((r) => [r.id.padEnd(34), (r.ok ? 'yes' : 'NO').padEnd(4), `${r.found}/${r.expected}`.padEnd(5), r.missing.padEnd(14), r.top].join(' ')).join('\n'),
    );
    const totals = (subset: typeof rows) => {
      const complete = subset.filter((r) => r.ok).length;
      const found = subset.reduce((n, r) => n + r.found, 0);
      const expected = subset.reduce((n, r) => n + r.expected, 0);
      return { complete, complaints: subset.length, found, expected, share: expected ? found / expected : 0 };
    };
    for (const group of ['tuned', 'holdout', 'holdout2', 'all']) {
      const t = totals(group === 'all' ? rows : rows.filter((r) => r.group === group));
      console.log(`${group.padEnd(8)}: ${t.complete}/${t.complaints} complaints with every expected section in the top ${TOP}; ${t.found}/${t.expected} expected sections in the top ${TOP} (${(t.share * 100).toFixed(1)} %)`);
    }
    const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`drafting time (real KB): median ${ms[Math.floor(ms.length / 2)]} ms, max ${ms.at(-1)} ms (the first draft builds the KB index)`);
    const all = totals(rows);
    expect(all.share).toBeGreaterThanOrEqual(FLOOR_SECTION_SHARE);
    expect(all.complete / all.complaints).toBeGreaterThanOrEqual(FLOOR_COMPLAINT_SHARE);
  });
});
