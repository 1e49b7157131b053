// The schema_migrations table: what has been applied, with the checksum of the files
// as they were applied, so a later edit of an applied migration is noticed.
import type pg from 'pg';

export const HISTORY_TABLE = 'schema_migrations';

export type HistoryRow = { name: string; checksum: string; appliedAt: Date; durationMs: number };

export async function ensureHistoryTable(client: pg.Client): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS public.${HISTORY_TABLE} (
    name        text PRIMARY KEY,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    duration_ms integer NOT NULL
  )`);
}

/** Applied migrations in name order; [] before the first migrate (no table yet). */
export async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const { rows: exists } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`public.${HISTORY_TABLE}`]);
  if (!exists[0]?.t) return [];
  const { rows } = await client.query<{ name: string; checksum: string; applied_at: Date; duration_ms: number }>(
    `SELECT name, checksum, applied_at, duration_ms FROM public.${HISTORY_TABLE} ORDER BY name`,
  );
  return rows.map((r) => ({ name: r.name, checksum: r.checksum, appliedAt: r.applied_at, durationMs: r.duration_ms }));
}

export async function recordApplied(client: pg.Client, name: string, checksum: string, durationMs: number): Promise<void> {
  await client.query(`INSERT INTO public.${HISTORY_TABLE} (name, checksum, duration_ms) VALUES ($1, $2, $3)`, [
    name,
    checksum,
    Math.round(durationMs),
  ]);
}

export async function forgetApplied(client: pg.Client, name: string): Promise<void> {
  await client.query(`DELETE FROM public.${HISTORY_TABLE} WHERE name = $1`, [name]);
}
