// API keys for external clients: "afk_<prefix>_<secret>". The prefix finds the row,
// the secret's SHA-256 proves it; the plaintext is shown once, at creation.
import { cache, cacheKey } from '../cache';
import { untracked, type Db } from '../data';
import { AppError } from '../lib';
import { actorColumns, type Actor } from './actor';
import { randomToken, safeEqual, sha256Hex } from './tokens';

const KEY_FORMAT = /^afk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  stationId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function createApiKey(
  db: Db,
  admin: Actor,
  input: { name: string; stationId: number | null },
): Promise<{ key: string; summary: ApiKeySummary }> {
  if (admin.kind !== 'user' || admin.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins create API keys');
  if (input.stationId !== null && !(await db.policeStation.findUnique({ where: { id: input.stationId } }))) {
    throw new AppError('BAD_REQUEST', `No police station with id ${input.stationId}`);
  }
  const prefix = randomToken(9).replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomToken(32);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, prefix, secretHash: sha256Hex(secret), stationId: input.stationId, createdBy: admin.userId },
    });
    await tx.auditLog.create({
      data: { ...actorColumns(admin), action: 'api_key.create', target: `api_key:${created.id}`, details: { name: input.name, stationId: input.stationId, prefix } },
    });
    return created;
  });
  return { key: `afk_${prefix}_${secret}`, summary: summarise(row) };
}

export async function revokeApiKey(db: Db, admin: Actor, id: string): Promise<ApiKeySummary> {
  if (admin.kind !== 'user' || admin.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins revoke API keys');
  const revoked = await db.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { id } });
    if (!existing) throw new AppError('NOT_FOUND', 'API key not found');
    const row = existing.revokedAt ? existing : await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await tx.auditLog.create({ data: { ...actorColumns(admin), action: 'api_key.revoke', target: `api_key:${id}`, details: { prefix: row.prefix } } });
    return summarise(row);
  });
  await cache.invalidate(apiKeyCacheKey(revoked.prefix));
  return revoked;
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map(summarise);
}

/** The actor for a presented key, or an UNAUTHORIZED error that does not say which part was wrong. */
export async function actorFromApiKey(db: Db, presented: string | undefined): Promise<Actor> {
  const m = presented ? KEY_FORMAT.exec(presented) : null;
  if (!m) throw new AppError('UNAUTHORIZED', 'A valid API key is required (Authorization: Bearer afk_…)');
  // Every API request reads its key: cached (session namespace); revoking drops the entry.
  const row = await cache.getOrFetch(apiKeyCacheKey(m[1]!), () =>
    db.apiKey.findUnique({ where: { prefix: m[1]! }, select: { id: true, secretHash: true, revokedAt: true, stationId: true, name: true } }),
  );
  if (!row || row.revokedAt || !safeEqual(row.secretHash, sha256Hex(m[2]!))) {
    throw new AppError('UNAUTHORIZED', 'A valid API key is required (Authorization: Bearer afk_…)');
  }
  // Not awaited on the request path; a lost update of a timestamp is harmless. At most
  // once a minute per key and instance, so a busy key does not write on every request.
  // untracked: not a write the caller reads back, so its reads need not wait for it
  // (read-your-writes). Prisma starts a query when it is awaited, so the .catch belongs inside.
  const now = Date.now();
  if (now - (lastUsedWritten.get(row.id) ?? 0) >= LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now);
    void untracked(() => db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {}));
  }
  return { kind: 'apiKey', apiKeyId: row.id, stationId: row.stationId, name: row.name };
}

const apiKeyCacheKey = (prefix: string) => cacheKey('session', 'apikey', prefix);
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

function summarise(r: { id: string; name: string; prefix: string; stationId: number | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiKeySummary {
  return { id: r.id, name: r.name, prefix: r.prefix, stationId: r.stationId, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt };
}
