// One migration runner at a time per database. A session-level advisory lock rather
// than a table lock: it is released by PostgreSQL when the runner's connection dies,
// so a crashed runner never leaves the database locked.
import type pg from 'pg';
import { AppError } from '../../lib/app-error';

/** Fixed key: every runner of this project, any version, must contend for the same lock. */
export const MIGRATION_LOCK_KEY = '4211000001';

export type LockOptions = { timeoutMs: number; log: (line: string) => void };

export async function withMigrationLock<T>(client: pg.Client, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [MIGRATION_LOCK_KEY]);
  if (!rows[0]?.ok) await waitForLock(client, opts);
  try {
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => {});
  }
}

async function waitForLock(client: pg.Client, opts: LockOptions): Promise<void> {
  const holder = await lockHolder(client);
  opts.log(`waiting for another migration runner…${holder ? ` (${holder})` : ''}`);
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('lock_timeout') AS v");
  await client.query("SELECT set_config('lock_timeout', $1, false)", [`${Math.max(1, Math.round(opts.timeoutMs))}ms`]);
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    const secs = opts.timeoutMs / 1000;
    throw new AppError(
      'UNAVAILABLE',
      `Timed out after ${secs < 10 ? secs.toFixed(1) : Math.round(secs)} s waiting for another migration runner` +
        `${holder ? ` (${holder})` : ''}. Let it finish and run this again.`,
      { holder },
    );
  } finally {
    await client.query("SELECT set_config('lock_timeout', $1, false)", [rows[0]?.v ?? '0']);
  }
}

async function lockHolder(client: pg.Client): Promise<string | undefined> {
  // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
  const { rows } = await client.query<{ pid: number; app: string | null }>(
    `SELECT l.pid, a.application_name AS app
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.objsubid = 1 AND (l.classid::bigint << 32 | l.objid::bigint) = $1::bigint`,
    [MIGRATION_LOCK_KEY],
  );
  const r = rows[0];
  return r ? `held by backend pid ${r.pid}${r.app ? `, ${r.app}` : ''}` : undefined;
}
