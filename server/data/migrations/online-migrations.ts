// Online migrations: migrations written while the app runs (the index advisor's
// CREATE INDEX CONCURRENTLY), kept in the database table schema_online_migration
// (migration 0004) instead of prisma/migrations. A file written at run time would be
// lost on the next deploy and the runner would then refuse to go on ("missing on
// disk"); a row lives as long as the schema it changed. The runner treats a row
// exactly like a directory: same checks, checksum, history row, down script. Names
// are `online_YYYYMMDDHHMMSS_slug`, a stream of their own: they are ordered among
// themselves, and a file migration added later is not refused for sorting before one.
import type pg from 'pg';
import { checksumOf, type MigrationFile } from './migration-files';

export const ONLINE_TABLE = 'schema_online_migration';
export const ONLINE_NAME = /^online_\d{14}_[a-z0-9_]+$/;
export const isOnlineName = (name: string): boolean => name.startsWith('online_');

/** Online migrations stored in the database, by name; [] before migration 0004 made the table. */
export async function readOnlineMigrations(client: pg.Client): Promise<MigrationFile[]> {
  const { rows: exists } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`public.${ONLINE_TABLE}`]);
  if (!exists[0]?.t) return [];
  const { rows } = await client.query<{ name: string; up_sql: string; down_sql: string }>(
    `SELECT name, up_sql, down_sql FROM public.${ONLINE_TABLE} ORDER BY name`,
  );
  return rows.map((r) => ({
    name: r.name,
    dir: `online:${r.name}`,
    upSql: r.up_sql,
    downSql: r.down_sql,
    checksum: checksumOf(r.up_sql, r.down_sql),
    online: true,
  }));
}

/** Where a migration's SQL lives, for error messages: a file path or `online:<name>/up.sql`. */
export function sqlLabel(dir: string, m: MigrationFile, file: 'up.sql' | 'down.sql'): string {
  return m.online ? `${m.dir}/${file}` : `${dir}/${m.name}/${file}`;
}

export type NewOnlineMigration = { slug: string; upSql: string; downSql: string; source: string; createdBy: string | null; details?: object };

/** Stores a pending online migration and returns its name. The runner applies it like any other. */
export async function addOnlineMigration(client: pg.Client, m: NewOnlineMigration, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const name = `online_${stamp}_${m.slug}`;
  if (!ONLINE_NAME.test(name)) throw new Error(`not a valid online migration name: ${name}`);
  await client.query(
    `INSERT INTO public.${ONLINE_TABLE} (name, up_sql, down_sql, source, created_by, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [name, m.upSql, m.downSql, m.source, m.createdBy, JSON.stringify(m.details ?? {})],
  );
  return name;
}

/** Removes a pending online migration (after it was rolled back, so a later migrate does not bring it back). */
export async function discardOnlineMigration(client: pg.Client, name: string): Promise<boolean> {
  const res = await client.query(
    `DELETE FROM public.${ONLINE_TABLE} o WHERE o.name = $1 AND NOT EXISTS (SELECT 1 FROM public.schema_migrations h WHERE h.name = o.name)`,
    [name],
  );
  return (res.rowCount ?? 0) > 0;
}
