// Where each migration stands: on disk versus schema_migrations. migrate and rollback
// refuse to run while an applied migration was edited or deleted, because the
// database would then no longer be what the files say it is.
import { AppError } from '../../lib/app-error';
import { withClient, type Db } from './connect';
import { readHistory, type HistoryRow } from './history';
import { readMigrations, type MigrationFile } from './migration-files';

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
  const lastApplied = rows.filter((r) => r.state !== 'pending').at(-1)?.name;
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
          'to change what it did, write a new migration instead.',
      );
    } else if (r.state === 'pending' && lastApplied && r.name < lastApplied) {
      problems.push(
        `${r.name} is pending but sorts before ${lastApplied}, which is already applied. ` +
          `Renumber it to come after ${lastApplied} (or roll back to before it first).`,
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
  return withClient(db, async (client) => compareDiskAndHistory(files, await readHistory(client)));
}
