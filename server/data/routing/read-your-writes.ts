// Read-your-writes: after a caller writes, its reads go only to nodes whose replay
// position has reached the write's commit LSN.
//
// Per caller state lives in the request context (server/lib/request-context): `wrote`
// is set when the caller sends a write or opens a transaction on the primary; the
// next routed read (or the end of the request) turns it into a token, the primary's
// pg_current_wal_lsn() read after the write returned, which is at or past the commit.
// The token travels back to the caller in the afg_lsn cookie (sessions) and the
// x-afirgen-lsn response header (API clients, who send it back as a request header),
// so the caller's next requests route by it too. Outside any request context (scripts,
// tests calling services directly) one process-wide state stands in: the process is
// then the caller.
import { contextSlot, currentContext, runWithContext } from '../../lib/request-context';
import { formatLsn, parseLsn } from './lsn';

export const LSN_COOKIE = 'afg_lsn';
export const LSN_HEADER = 'x-afirgen-lsn';
/** Long enough for any replica that is in the read set to have caught up. */
const COOKIE_MAX_AGE_SECONDS = 600;

export type RywState = {
  /** the newest LSN this caller must see */
  token: bigint | null;
  /** wrote since the token was last taken */
  wrote: boolean;
  /** the token changed during this request (so the response carries it) */
  changed: boolean;
};

const slot = contextSlot<RywState>('read-your-writes');
const processState: RywState = { token: null, wrote: false, changed: false };
const fresh = (): RywState => ({ token: null, wrote: false, changed: false });

export function rywState(): RywState {
  return currentContext() ? slot.getOrInit(fresh)! : processState;
}

export function noteWrite(): void {
  rywState().wrote = true;
}

/** Raises the token to `lsn` (never lowers it). */
export function raiseToken(state: RywState, lsn: bigint): void {
  if (state.token === null || lsn > state.token) {
    state.token = lsn;
    state.changed = true;
  }
}

/** Accepts the token a caller sent (header wins over cookie); malformed values are ignored. */
export function acceptToken(headers: { cookie?: string | undefined; [LSN_HEADER]?: string | string[] | undefined }): void {
  const header = headers[LSN_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const raw = fromHeader ?? cookieValue(headers.cookie, LSN_COOKIE);
  if (!raw) return;
  const lsn = parseLsn(decodeURIComponent(raw));
  if (lsn === null) return;
  const s = rywState();
  if (s.token === null || lsn > s.token) s.token = lsn; // not "changed": the caller has it already
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || !header.includes(name)) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function tokenCookie(lsn: bigint, secure: boolean): string {
  return `${LSN_COOKIE}=${encodeURIComponent(formatLsn(lsn))}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * Runs `fn` without making its writes the caller's own: for fire-and-forget
 * bookkeeping (a key's last-used time) that the caller never reads back, so its next
 * reads need not wait for that write to replicate. A child context of the same store.
 * Prisma queries start when awaited: start (await or .then) the query inside `fn`.
 */
export function untracked<T>(fn: () => T): T {
  const ctx = currentContext();
  return runWithContext({ correlationId: ctx?.correlationId ?? 'untracked', kind: 'task' }, fn);
}
