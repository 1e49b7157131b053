// Reads the BNS knowledge base shipped in server/fir/bns/data/*.json, validates every
// entry, and keeps it for the life of the process. An invalid entry stops the load
// with the file and entry named: a knowledge base with silent holes would mislead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZBnsSection, type TBnsSection } from './types';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

let cached: TBnsSection[] | undefined;

/** Orders "3(5)" < "3" … by section number, then sub-section: 303 < 303(2) < 304. */
export function compareSections(a: string, b: string): number {
  const key = (s: string) => {
    const m = /^(\d+)([A-Z]?)(?:\((\d+)\))?(?:\(([a-z])\))?$/.exec(s);
    return m ? [Number(m[1]), m[2] ?? '', m[3] ? Number(m[3]) : 0, m[4] ?? ''] as const : [0, s, 0, ''] as const;
  };
  const [x, y] = [key(a), key(b)];
  return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2] || x[3].localeCompare(y[3]);
}

export function loadBnsSections(dir = DATA_DIR): TBnsSection[] {
  if (dir === DATA_DIR && cached) return cached;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`No BNS knowledge base files (*.json) in ${dir}`);
  const all: TBnsSection[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!Array.isArray(raw)) throw new Error(`${file}: expected a JSON array of sections`);
    raw.forEach((entry, i) => {
      const parsed = ZBnsSection.safeParse(entry);
      if (!parsed.success) {
        const where = (entry as { section?: string })?.section ?? `#${i}`;
        throw new Error(`${file}: section ${where} is invalid: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      }
      if (seen.has(parsed.data.section)) throw new Error(`${file}: section ${parsed.data.section} appears twice`);
      seen.add(parsed.data.section);
      all.push(parsed.data);
    });
  }
  all.sort((a, b) => compareSections(a.section, b.section));
  if (dir === DATA_DIR) cached = all;
  return all;
}
