// The demo seed's generator: numbering consistent with the counters it continues, and
// template sections that the knowledge base really has.
import { describe, expect, it } from 'vitest';
import { loadBnsSections } from '@/server/fir/bns/load-sections';
import { generateFirs } from '@/server/fir/seed/generate-firs';
import { sectionSortKey } from '@/server/fir/seed/load-bns';
import { TEMPLATES } from '@/server/fir/seed/templates';

const stations = [
  { id: 1, district: 'A', code: 'PS-AAA-001' },
  { id: 2, district: 'B', code: 'PS-BBB-002' },
];

describe('generateFirs', () => {
  it('numbers registered FIRs 1..n per station-year in registration order, drafts not at all', () => {
    const lastSeq = new Map<string, number>();
    const rows = generateFirs({ count: 2000, stations, officerFor: () => 'u', lastSeq, now: new Date('2026-11-01T00:00:00Z'), seed: 1 });
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      if (r.status === 'draft') {
        expect(r.firSeq).toBeNull();
        continue;
      }
      const key = `${r.stationId}:${r.firYear}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [key, group] of groups) {
      const byTime = [...group].sort((a, b) => a.registeredAt!.getTime() - b.registeredAt!.getTime());
      expect(byTime.map((r) => r.firSeq)).toEqual(byTime.map((_, i) => i + 1));
      expect(lastSeq.get(key)).toBe(group.length);
    }
  });

  it('continues numbering from existing counters', () => {
    const lastSeq = new Map<string, number>([['1:2026', 40]]);
    const rows = generateFirs({ count: 300, stations: [stations[0]!], officerFor: () => 'u', lastSeq, now: new Date('2026-11-01T00:00:00Z'), seed: 7 });
    const seqs = rows.filter((r) => r.firYear === 2026).map((r) => r.firSeq!).filter(Boolean).sort((a, b) => a - b);
    expect(seqs[0]).toBe(41);
  });

  it('is the same data for the same seed', () => {
    const a = generateFirs({ count: 50, stations, officerFor: () => 'u', lastSeq: new Map(), now: new Date(0), seed: 3 });
    const b = generateFirs({ count: 50, stations, officerFor: () => 'u', lastSeq: new Map(), now: new Date(0), seed: 3 });
    expect(a.map((r) => r.narrative)).toEqual(b.map((r) => r.narrative));
  });
});

describe('seed templates', () => {
  it('name only sections the knowledge base has', () => {
    const known = new Set(loadBnsSections().map((s) => s.section));
    const missing = TEMPLATES.flatMap((t) => t.sections).filter((s) => !known.has(s));
    expect(missing).toEqual([]);
  });

  it('sort sub-sections after their section', () => {
    expect(sectionSortKey('303')).toBeLessThan(sectionSortKey('303(2)'));
    expect(sectionSortKey('303(2)')).toBeLessThan(sectionSortKey('304'));
    expect(sectionSortKey('125(a)')).toBeLessThan(sectionSortKey('125(b)'));
  });
});
