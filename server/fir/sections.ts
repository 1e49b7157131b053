// Sections on a FIR, and search over the BNS knowledge base (PostgreSQL full-text
// search on a weighted tsvector, ranked; an exact section number always comes first).
import type { Db, Prisma } from '../data';
import { cache, cacheKey, hashId } from '../cache';
import { AppError } from '../lib';
import type { TSectionRef } from './schemas';

export type SectionHit = {
  section: string;
  title: string;
  chapterTitle: string;
  description: string;
  punishment: string;
  cognizable: string;
  bailable: string;
  triableBy: string;
  ipc: string | null;
  rank: number;
};

/** Refuses BNS sections that are not in the knowledge base (other acts are taken as given). */
export async function assertKnownSections(tx: Prisma.TransactionClient | Db, refs: TSectionRef[]): Promise<void> {
  const bns = [...new Set(refs.filter((r) => r.act === 'BNS').map((r) => r.section))];
  if (bns.length === 0) return;
  // The knowledge base changes only by migration: the answer is cached (violation
  // namespace), keyed by the set of sections, and reported in the order they were given.
  const sorted = [...bns].sort();
  const missing = new Set(
    await cache.getOrFetch(cacheKey('violation', 'check', hashId(...sorted)), async () => {
      const found = await tx.bnsSection.findMany({ where: { section: { in: sorted } }, select: { section: true } });
      const known = new Set(found.map((f) => f.section));
      return sorted.filter((s) => !known.has(s));
    }),
  );
  const unknown = bns.filter((s) => missing.has(s));
  if (unknown.length > 0) {
    throw new AppError('BAD_REQUEST', `Unknown BNS section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, { unknownSections: unknown });
  }
}

export function uniqueRefs(refs: TSectionRef[]): TSectionRef[] {
  const seen = new Map<string, TSectionRef>();
  for (const r of refs) seen.set(`${r.act} ${r.section}`, r);
  return [...seen.values()];
}

export async function searchSections(db: Db, q: string, limit: number): Promise<SectionHit[]> {
  return cache.getOrFetch(cacheKey('kb', 'query', hashId(q, limit)), () => querySections(db, q, limit));
}

function querySections(db: Db, q: string, limit: number): Promise<SectionHit[]> {
  return db.$queryRaw<SectionHit[]>`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS tsq)
    SELECT s.section, s.title, s.chapter_title AS "chapterTitle", s.description, s.punishment,
           s.cognizable, s.bailable, s.triable_by AS "triableBy", s.ipc,
           (CASE WHEN s.section = ${q} OR s.section LIKE ${`${q}(%`} THEN 10 ELSE 0 END
            + ts_rank_cd(s.search, query.tsq))::float8 AS rank
    FROM bns_section s, query
    WHERE s.search @@ query.tsq OR s.section = ${q} OR s.section LIKE ${`${q}(%`}
    ORDER BY rank DESC, s.sort_key
    LIMIT ${limit}`;
}
