// The BNS knowledge base loader: reads every *.json of a directory, validates each
// entry, names the file and entry when one is bad, refuses duplicates, sorts by
// section number then sub-section, and caches the real KB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareSections, loadBnsSections, loadBnsSectionsFrom } from '../../server/fir/bns/load-sections';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function kbDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bns-kb-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const entry = (section: string, extra: Record<string, unknown> = {}) => ({
  section,
  title: `Title of ${section}`,
  chapter: 'XVII',
  chapterTitle: 'Offences against property',
  description: 'A description long enough for the schema.',
  punishment: 'Imprisonment up to 3 years',
  cognizable: 'cognizable',
  bailable: 'bailable',
  triableBy: 'Any Magistrate',
  ipc: null,
  keywords: ['stolen'],
  isOffence: true,
  ...extra,
});

describe('loadBnsSectionsFrom', () => {
  it('reads every json file and sorts by number, then sub-section', () => {
    const dir = kbDir({
      'b.json': [entry('303(2)'), entry('111'), entry('305(a)')],
      'a.json': [entry('3(5)', { isOffence: false }), entry('303'), entry('11'), entry('305')],
      'notes.txt': 'ignored',
    });
    expect(loadBnsSectionsFrom(dir).map((s) => s.section)).toEqual(['3(5)', '11', '111', '303', '303(2)', '305', '305(a)']);
  });

  it('names the file and the entry when an entry is invalid', () => {
    const dir = kbDir({ 'bns-001-180.json': [entry('303'), entry('304', { keywords: 'snatched' })] });
    expect(() => loadBnsSectionsFrom(dir)).toThrow(/bns-001-180\.json entry #1 \(section 304\) is invalid: keywords/);
  });

  it('rejects unknown fields, non-arrays, bad JSON and duplicates', () => {
    expect(() => loadBnsSectionsFrom(kbDir({ 'x.json': [entry('303', { extra: 1 })] }))).toThrow(/x\.json entry #0/);
    expect(() => loadBnsSectionsFrom(kbDir({ 'x.json': { section: '303' } }))).toThrow(/x\.json must hold an array/);
    expect(() => loadBnsSectionsFrom(kbDir({ 'x.json': '[{"section": ' }))).toThrow(/x\.json is not valid JSON/);
    expect(() => loadBnsSectionsFrom(kbDir({ 'a.json': [entry('303')], 'b.json': [entry('303')] }))).toThrow(/303 is in both a\.json and b\.json/);
    expect(() => loadBnsSectionsFrom(kbDir({ 'readme.txt': 'no KB here' }))).toThrow(/no \*\.json files/);
  });

  it('loads the real KB once and shares it', () => {
    const kb = loadBnsSections();
    expect(loadBnsSections()).toBe(kb);
    expect(Object.isFrozen(kb)).toBe(true);
  });

  it('compares sub-sections after their section and letters after numbers', () => {
    expect(['305(a)', '303(2)', '3(5)', '303', '304'].sort(compareSections)).toEqual(['3(5)', '303', '303(2)', '304', '305(a)']);
  });
});
