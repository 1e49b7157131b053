// Sections on a FIR, and search over the BNS knowledge base (PostgreSQL full-text
// search on a weighted tsvector, ranked; an exact section number always comes first).
import { Prisma, type Db } from '../data';
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
  return (await searchSectionsPage(db, q, limit)).items;
}

export type SectionPage = { items: SectionHit[]; nextCursor: string | null; hasMore: boolean };
type SectionCursor = { rank: number; sortKey: number; section: string };

/**
 * A page of the ranked search, keyset-paginated on (rank desc, sort key, section): the
 * cursor is the last hit's position, so pages never overlap or skip. Cached (kb
 * namespace): the knowledge base changes only by migration.
 */
export async function searchSectionsPage(db: Db, q: string, limit: number, cursor?: string): Promise<SectionPage> {
  const after = cursor === undefined ? null : decodeSectionCursor(cursor);
  return cache.getOrFetch(cacheKey('kb', 'query', hashId(q, limit, cursor ?? null)), async () => {
    const rows = await querySections(db, q, limit + 1, after);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(({ sortKey: _sortKey, ...hit }) => hit),
      hasMore,
      nextCursor: hasMore && last ? Buffer.from(JSON.stringify([last.rank, last.sortKey, last.section])).toString('base64url') : null,
    };
  });
}

function decodeSectionCursor(raw: string): SectionCursor {
  try {
    const [rank, sortKey, section] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof rank !== 'number' || !Number.isFinite(rank) || !Number.isInteger(sortKey) || typeof section !== 'string' || section.length > 20) throw new Error();
    return { rank, sortKey: sortKey as number, section };
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid cursor: use the next_cursor of a previous page', { field: 'cursor' });
  }
}

function querySections(db: Db, q: string, limit: number, after: SectionCursor | null): Promise<(SectionHit & { sortKey: number })[]> {
  const keyset = after
    ? Prisma.sql`WHERE r.rank < ${after.rank}::float8 OR (r.rank = ${after.rank}::float8 AND (r."sortKey", r.section) > (${after.sortKey}::int, ${after.section}))`
    : Prisma.empty;
  return db.$queryRaw<(SectionHit & { sortKey: number })[]>`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS tsq),
    ranked AS (
      SELECT s.section, s.title, s.chapter_title AS "chapterTitle", s.description, s.punishment,
             s.cognizable, s.bailable, s.triable_by AS "triableBy", s.ipc, s.sort_key AS "sortKey",
             (CASE WHEN s.section = ${q} OR s.section LIKE ${`${q}(%`} THEN 10 ELSE 0 END
              + ts_rank_cd(s.search, query.tsq))::float8 AS rank
      FROM bns_section s, query
      WHERE s.search @@ query.tsq OR s.section = ${q} OR s.section LIKE ${`${q}(%`}
    )
    SELECT * FROM ranked r ${keyset}
    ORDER BY r.rank DESC, r."sortKey", r.section
    LIMIT ${limit}`;
}
