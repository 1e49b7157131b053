// The FIR list's filters as they live in the URL (?status=&from=&to=&section=&q=&station=),
// parsed leniently (a bad value is dropped, not an error page), and turned into
// fir.list input. Shared by the server page (prefetch) and the browser (query), so
// both ask for the same query key.
import { FIR_STATUSES, type TFirStatus } from '@/server/fir/schemas';

export type FirFilters = {
  status?: TFirStatus;
  from?: string;
  to?: string;
  section?: string;
  q?: string;
  stationId?: number;
};

export const PAGE_SIZE = 25; // fills a laptop screen with a little to scroll

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function one(p: Params, key: string): string | undefined {
  const v = p instanceof URLSearchParams ? (p.get(key) ?? undefined) : p[key];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseFilters(p: Params): FirFilters {
  const f: FirFilters = {};
  const status = one(p, 'status');
  if (status && (FIR_STATUSES as readonly string[]).includes(status)) f.status = status as TFirStatus;
  const from = one(p, 'from');
  if (from && ISO_DATE.test(from)) f.from = from;
  const to = one(p, 'to');
  if (to && ISO_DATE.test(to)) f.to = to;
  const section = one(p, 'section');
  if (section) f.section = section.slice(0, 20);
  const q = one(p, 'q');
  if (q) f.q = q.slice(0, 200);
  const station = Number(one(p, 'station'));
  if (Number.isInteger(station) && station > 0) f.stationId = station;
  return f;
}

/** The URL query string for filters ("" when none). */
export function filtersToQuery(f: FirFilters): string {
  const qs = new URLSearchParams();
  if (f.q) qs.set('q', f.q);
  if (f.status) qs.set('status', f.status);
  if (f.section) qs.set('section', f.section);
  if (f.from) qs.set('from', f.from);
  if (f.to) qs.set('to', f.to);
  if (f.stationId) qs.set('station', String(f.stationId));
  return qs.toString();
}

export function hasFilters(f: FirFilters): boolean {
  return Object.values(f).some((v) => v !== undefined);
}

/** fir.list input for the first page (the cursor is added per page). */
export function listInput(f: FirFilters) {
  return { limit: PAGE_SIZE, ...f };
}

// Pages are fetched with plain fir.list calls rather than tRPC's infiniteQueryOptions:
// those add a `direction` field that fir.list's strict input refuses.
export const initialPageParam = null as string | null;
export const getNextPageParam = (page: { nextCursor: string | null }) => page.nextCursor;
