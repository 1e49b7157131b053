// Where each migration stands: on disk versus schema_migrations. migrate and rollback
// refuse to run while an applied migration was edited or deleted, because the
// database would then no longer be what the files say it is.
import type pg from 'pg';
import { AppError } from '../../lib/app-error';
import { withClient, type Db } from './connect';
import { readHistory, type HistoryRow } from './history';
import { readMigrations, type MigrationFile } from './migration-files';
import { isOnlineName, readOnlineMigrations } from './online-migrations';

export type MigrationState = 'applied' | 'pending' | 'modified' | 'missing-on-disk';

export type MigrationStatusRow = {
  name: string;
  state: MigrationState;
  appliedAt: Date | null;
  durationMs: number | null;
};

export function compareDiskAndHistory(files: MigrationFile[], history: HistoryRow[]): MigrationStatusRow[] {
  const onDisk = new Map(files.map((f) => [f.name, f]));
  const rows: MigrationStatusRow[] = history.map((h) => {
    const file = onDisk.get(h.name);
    const state: MigrationState = !file ? 'missing-on-disk' : file.checksum === h.checksum ? 'applied' : 'modified';
    return { name: h.name, state, appliedAt: h.appliedAt, durationMs: h.durationMs };
  });
  const applied = new Set(history.map((h) => h.name));
  for (const f of files) {
    if (!applied.has(f.name)) rows.push({ name: f.name, state: 'pending', appliedAt: null, durationMs: null });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Throws when the applied history no longer matches the files, naming each migration and the fix. */
export function assertHistoryIntact(rows: MigrationStatusRow[], action: 'migrate' | 'roll back'): void {
  const problems: string[] = [];
  // Files and online migrations are two streams, each ordered within itself.
  const lastAppliedOf = (online: boolean) => rows.filter((r) => r.state !== 'pending' && isOnlineName(r.name) === online).at(-1)?.name;
  const lastApplied: Record<'true' | 'false', string | undefined> = { true: lastAppliedOf(true), false: lastAppliedOf(false) };
  for (const r of rows) {
    if (r.state === 'modified') {
      problems.push(
        `${r.name} was edited after it was applied (its checksum differs from schema_migrations). ` +
          `Restore its up.sql and down.sql as they were (git checkout -- prisma/migrations/${r.name}) ` +
          'and write a new migration for the change instead.',
      );
    } else if (r.state === 'missing-on-disk') {
      problems.push(
        `${r.name} is applied but its directory is missing on disk. Restore it from git; ` +
          'to change what it did, write a new migration instead.' +
          (isOnlineName(r.name) ? ' (An online migration lives in schema_online_migration: restore its row.)' : ''),
      );
    } else if (r.state === 'pending' && lastApplied[`${isOnlineName(r.name)}`] && r.name < lastApplied[`${isOnlineName(r.name)}`]!) {
      const last = lastApplied[`${isOnlineName(r.name)}`]!;
      problems.push(
        `${r.name} is pending but sorts before ${last}, which is already applied. ` +
          `Renumber it to come after ${last} (or roll back to before it first).`,
      );
    }
  }
  if (problems.length > 0) {
    throw new AppError('CONFLICT', `Refusing to ${action}: the migration history does not match the files.\n- ${problems.join('\n- ')}`, {
      problems,
    });
  }
}

/** One row per migration on disk or in the history, in name order. Read-only: takes no lock, creates nothing. */
export async function migrationStatus(db: Db, dir: string): Promise<MigrationStatusRow[]> {
  const files = readMigrations(dir);
  return withClient(db, async (client) => compareDiskAndHistory(await allMigrations(client, files), await readHistory(client)));
}

/** The files on disk followed by the online migrations stored in the database. */
export async function allMigrations(client: pg.Client, files: MigrationFile[]): Promise<MigrationFile[]> {
  return [...files, ...(await readOnlineMigrations(client))];
}
