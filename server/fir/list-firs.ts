// FIR lists: filters, full-text search and keyset (cursor) pagination on
// (created_at, id) — stable while rows are inserted, unlike OFFSET, and served by the
// (station_id, created_at, id) index. Raw SQL because the tsvector column is invisible
// to Prisma; sections come in the same statement (no query per row).
import { stationScope, type Actor } from '../auth';
import { Prisma, type Db } from '../data';
import { cache, cacheKey, hashId } from '../cache';
import { AppError } from '../lib';
import { FIRS_TAG } from './fir-cache';
import { formatFirNumber } from './fir-number';
import { EXCERPT_LENGTH, type TFirListItem } from './fir-views';
import type { TFirStatus, TListFirsInput } from './schemas';

type Cursor = { createdAt: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    const createdAt = new Date(String(at));
    if (typeof at !== 'string' || Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw new AppError('BAD_REQUEST', 'Invalid cursor: use the next_cursor of a previous page', { field: 'cursor' });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIR_NUMBER = /^(\d{1,6})\/(\d{4})$/;

function filters(actor: Actor, input: TListFirsInput): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const scope = stationScope(actor);
  if (scope !== null) {
    if (input.stationId !== undefined && input.stationId !== scope) where.push(Prisma.sql`false`);
    where.push(Prisma.sql`f.station_id = ${scope}`);
  } else if (input.stationId !== undefined) {
    where.push(Prisma.sql`f.station_id = ${input.stationId}`);
  }
  if (input.status) where.push(Prisma.sql`f.status = ${input.status}::fir_status`);
  // Dates are Indian calendar days.
  if (input.from) where.push(Prisma.sql`f.reported_at >= (${input.from}::date)::timestamp AT TIME ZONE 'Asia/Kolkata'`);
  if (input.to) where.push(Prisma.sql`f.reported_at < (${input.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Kolkata'`);
  if (input.section) {
    const s = input.section.replace(/^BNS\s+/i, '');
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM fir_section fs WHERE fs.fir_id = f.id AND (fs.section = ${s} OR fs.section LIKE ${`${s}(%`}))`);
  }
  if (input.q) {
    const num = FIR_NUMBER.exec(input.q);
    where.push(
      num
        ? Prisma.sql`(f.fir_seq = ${Number(num[1])} AND f.fir_year = ${Number(num[2])})`
        : Prisma.sql`f.search @@ websearch_to_tsquery('english', ${input.q})`,
    );
  }
  return where;
}

const whereSql = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty);

export async function listFirs(
  db: Db,
  actor: Actor,
  input: TListFirsInput,
): Promise<{ items: TFirListItem[]; nextCursor: string | null; hasMore: boolean }> {
  const where = filters(actor, input);
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(Prisma.sql`(f.created_at, f.id) < (${c.createdAt}, ${c.id}::uuid)`);
  }
  const rows = await db.$queryRaw<
    {
      id: string; fir_seq: number | null; fir_year: number | null; status: TFirStatus; station_id: number; station_code: string;
      district: string; complainant_name: string; excerpt: string; reported_at: Date; registered_at: Date | null; created_at: Date;
      sections: string[];
    }[]
  >`
    SELECT f.id, f.fir_seq, f.fir_year, f.status::text AS status, f.station_id, ps.code AS station_code, f.district,
           f.complainant_name, left(f.narrative, ${EXCERPT_LENGTH}) AS excerpt, f.reported_at, f.registered_at, f.created_at,
           COALESCE((SELECT array_agg(fs.act || ' ' || fs.section ORDER BY fs.act, fs.section)
                     FROM fir_section fs WHERE fs.fir_id = f.id), '{}') AS sections
    FROM fir f JOIN police_station ps ON ps.id = f.station_id
    ${whereSql(where)}
    ORDER BY f.created_at DESC, f.id DESC
    LIMIT ${input.limit + 1}`;
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const items = page.map((r) => ({
    id: r.id,
    number: formatFirNumber(r.fir_seq, r.fir_year),
    status: r.status,
    stationId: r.station_id,
    stationCode: r.station_code,
    district: r.district,
    complainantName: r.complainant_name,
    narrativeExcerpt: r.excerpt,
    reportedAt: r.reported_at,
    registeredAt: r.registered_at,
    createdAt: r.created_at,
    sections: r.sections,
  }));
  const last = page.at(-1);
  return { items, hasMore, nextCursor: hasMore && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null };
}

/** How many FIRs match the filters (the REST API's total_count). */
export async function countFirs(db: Db, actor: Actor, input: Omit<TListFirsInput, 'cursor'>): Promise<number> {
  // Cached per scope and filters (stats namespace, 5 min); every FIR write bumps the "firs" tag.
  const { limit: _limit, ...rest } = input as TListFirsInput;
  const key = cacheKey('stats', 'count', hashId(stationScope(actor), JSON.stringify(rest, Object.keys(rest).sort())));
  return cache.getOrFetch(
    key,
    async () => {
      const rows = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM fir f ${whereSql(filters(actor, { ...input, limit: 1 }))}`;
      return Number(rows[0]?.n ?? 0);
    },
    { tags: [FIRS_TAG] },
  );
}
