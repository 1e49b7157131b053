// Browser sessions: an httpOnly cookie holds a random token, the database its SHA-256.
// Each session has its own CSRF token, sent to the browser in a readable cookie and
// expected back in the x-csrf-token header on every mutation (double submit, bound
// to the session so a cookie planted by another site is useless).
import { cache, cacheKey } from '../cache';
import type { Db } from '../data';
import { AppError } from '../lib';
import type { Actor } from './actor';
import { verifyPassword } from './password';
import { randomToken, safeEqual, sha256Hex } from './tokens';

export const SESSION_COOKIE = 'afg_session';
export const CSRF_COOKIE = 'afg_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000; // one duty shift and a half

export type SessionInfo = { actor: Extract<Actor, { kind: 'user' }>; csrfToken: string; expiresAt: Date };

export async function signIn(db: Db, email: string, password: string): Promise<{ token: string; session: SessionInfo }> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // Verify even when there is no user, so timing does not tell which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.session.create({ data: { tokenHash: sha256Hex(token), userId: user.id, csrfToken, expiresAt } });
  return {
    token,
    session: {
      actor: { kind: 'user', userId: user.id, role: user.role, stationId: user.stationId, name: user.name },
      csrfToken,
      expiresAt,
    },
  };
}

/** The session namespace's key for a token (by its hash: the token itself never reaches Redis). */
const sessionKey = (tokenHash: string) => cacheKey('session', 'token', tokenHash);

export async function sessionFromToken(db: Db, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  // Read on every request, so cached (session namespace); sign-out drops the entry, and
  // the expiry is checked on every read, so a cached session never outlives its row.
  const session = await cache.getOrFetch(sessionKey(tokenHash), () => loadSession(db, tokenHash), {
    ttlMs: SESSION_TTL_MS,
  });
  if (!session || session.expiresAt <= new Date()) return null;
  return session;
}

async function loadSession(db: Db, tokenHash: string): Promise<SessionInfo | null> {
  const row = await db.session.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, role: true, stationId: true, name: true, disabledAt: true } } },
  });
  if (!row || row.expiresAt <= new Date() || row.user.disabledAt) return null;
  return {
    actor: { kind: 'user', userId: row.user.id, role: row.user.role, stationId: row.user.stationId, name: row.user.name },
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { tokenHash: sha256Hex(token) } });
  await cache.invalidate(sessionKey(sha256Hex(token)));
}

export function assertCsrf(session: SessionInfo, header: string | undefined): void {
  if (!header || !safeEqual(header, session.csrfToken)) {
    throw new AppError('FORBIDDEN', 'Missing or wrong CSRF token: reload the page and try again');
  }
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookies(token: string, csrfToken: string, expiresAt: Date, secure: boolean): string[] {
  const common = `Path=/; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${token}; HttpOnly; ${common}`, `${CSRF_COOKIE}=${csrfToken}; ${common}`];
}

export function clearedCookies(): string[] {
  const gone = 'Path=/; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  return [`${SESSION_COOKIE}=; HttpOnly; ${gone}`, `${CSRF_COOKIE}=; ${gone}`];
}

// A valid hash of a random password, so a missing user costs the same scrypt as a real one.
const DUMMY_HASH =
  'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$Jx5ulnYyoU9o7xXQm3m6V1q4bqKxJrP0n9C3cJbZ5yE';
