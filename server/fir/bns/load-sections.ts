// Loads the BNS knowledge base from server/fir/bns/data/*.json: every file is an array
// of sections, each validated with ZBnsSection. Bad data fails loudly, naming the file
// and the entry, because a silently skipped section would silently vanish from
// drafting suggestions. The result is sorted by section number and cached per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZBnsSection, type TBnsSection } from './types';

// Beside this module under tsx; when Next.js bundles the module, import.meta.url points
// into .next/, so fall back to the repository's copy (the server runs from the repo root).
const BESIDE_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const DATA_DIR = existsSync(BESIDE_MODULE) ? BESIDE_MODULE : path.resolve('server/fir/bns/data');

let cached: readonly TBnsSection[] | undefined;

/** "303(2)" → [303, "", 2, ""]; "305(a)" → [305, "", 0, "a"]; "3(5)" → [3, "", 5, ""]. */
function sortKey(section: string): [number, string, number, string] {
  const m = /^(\d+)([A-Z]?)(?:\((\d+)\))?(?:\(([a-z])\))?$/.exec(section);
  return [Number(m?.[1] ?? 0), m?.[2] ?? '', Number(m?.[3] ?? 0), m?.[4] ?? ''];
}

export function compareSections(a: string, b: string): number {
  const x = sortKey(a);
  const y = sortKey(b);
  return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2] || x[3].localeCompare(y[3]);
}

function loadFile(file: string): TBnsSection[] {
  const where = path.relative(process.cwd(), file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`BNS knowledge base: ${where} is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new Error(`BNS knowledge base: ${where} must hold an array of sections`);
  return data.map((item: unknown, i) => {
    const parsed = ZBnsSection.safeParse(item);
    if (!parsed.success) {
      const label = typeof item === 'object' && item && 'section' in item ? `section ${String((item as { section: unknown }).section)}` : 'an entry';
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
      throw new Error(`BNS knowledge base: ${where} entry #${i} (${label}) is invalid: ${issues}`);
    }
    return parsed.data;
  });
}

/**
 * Every section in the `*.json` files of `dir`, validated and sorted by number then
 * sub-section. Not cached: for tools and tests; services use loadBnsSections().
 */
export function loadBnsSectionsFrom(dir: string): TBnsSection[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`BNS knowledge base: no *.json files in ${dir}`);
  const all: TBnsSection[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    for (const s of loadFile(file)) {
      const earlier = fileOf.get(s.section);
      if (earlier) throw new Error(`BNS knowledge base: section ${s.section} is in both ${path.basename(earlier)} and ${path.basename(file)}`);
      fileOf.set(s.section, file);
      all.push(s);
    }
  }
  return all.sort((a, b) => compareSections(a.section, b.section));
}

/**
 * The knowledge base in server/fir/bns/data (or `dir`), read once per process. The array is shared
 * (drafting caches its index by this array's identity), so it is frozen: copy it before
 * changing it.
 */
export function loadBnsSections(dir: string = DATA_DIR): TBnsSection[] {
  if (dir !== DATA_DIR) return loadBnsSectionsFrom(dir); // another directory: a tool's, never cached
  cached ??= Object.freeze(loadBnsSectionsFrom(DATA_DIR));
  return cached as TBnsSection[];
}

/** The data directory, for tests and tools that need to know whether the KB is there. */
export const BNS_DATA_DIR = DATA_DIR;
