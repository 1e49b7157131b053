// `migrate`: applies pending migrations in name order, each in its own transaction with
// its history row, under the runner lock. The first failure stops the run; what was
// applied before it stays applied, and the failed one leaves nothing behind.
import { AppError } from '../../lib/app-error';
import { withMigrationLock } from './advisory-lock';
import { withClient, type Db } from './connect';
import { ensureHistoryTable, readHistory, recordApplied } from './history';
import { hasNoTransactionMarker, problemsWithMigration, readMigrations, type MigrationFile } from './migration-files';
import { allMigrations, assertHistoryIntact, compareDiskAndHistory } from './migration-status';
import { sqlLabel } from './online-migrations';
import { runFile, SqlFileError } from './run-sql';
import type pg from 'pg';

export type RunnerOptions = {
  /** progress lines ("applying …", "waiting for another migration runner…") */
  log?: (line: string) => void;
  /** how long to wait for another runner's lock; an index built CONCURRENTLY can take minutes */
  lockTimeoutMs?: number;
};

export type MigrateOptions = RunnerOptions & {
  /** apply at most this many pending migrations (all when absent) */
  count?: number;
  /** apply only this pending migration (the console's Apply of one online migration) */
  only?: string;
};

export type AppliedMigration = { name: string; durationMs: number };

export const DEFAULT_LOCK_TIMEOUT_MS = 5 * 60_000;

export async function migrate(db: Db, dir: string, opts: MigrateOptions = {}): Promise<{ applied: AppliedMigration[] }> {
  const log = opts.log ?? (() => {});
  const onDisk = readMigrations(dir);
  return withClient(db, (client) =>
    withMigrationLock(client, { timeoutMs: opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, log }, async () => {
      await ensureHistoryTable(client);
      // Read under the lock: a runner that waited sees what the other one applied.
      const files = await allMigrations(client, onDisk);
      const rows = compareDiskAndHistory(files, await readHistory(client));
      assertHistoryIntact(rows, 'migrate');
      const pendingNames = new Set(rows.filter((r) => r.state === 'pending').map((r) => r.name));
      if (opts.only !== undefined && !pendingNames.has(opts.only)) {
        throw new AppError('BAD_REQUEST', `${opts.only} is not a pending migration`);
      }
      const pending = files
        .filter((f) => pendingNames.has(f.name) && (opts.only === undefined || f.name === opts.only))
        .slice(0, opts.count ?? Infinity);

      const problems = pending.flatMap(problemsWithMigration);
      if (problems.length > 0) {
        throw new AppError('BAD_REQUEST', `Refusing to migrate: nothing was applied.\n- ${problems.join('\n- ')}`, { problems });
      }

      if (pendingNames.size === 0) log('nothing to apply: the database is up to date');
      const applied: AppliedMigration[] = [];
      for (const m of pending) {
        log(`applying ${m.name}${hasNoTransactionMarker(m.upSql) ? ' (no transaction)' : ''}…`);
        try {
          const durationMs = await runFile(client, sqlLabel(dir, m, 'up.sql'), m.upSql, (ms) =>
            recordApplied(client, m.name, m.checksum, ms),
          );
          applied.push({ name: m.name, durationMs });
          log(`  applied ${m.name} in ${Math.round(durationMs)} ms`);
        } catch (e) {
          throw await failure(client, dir, m, e, applied, pending);
        }
      }
      return { applied };
    }),
  );
}

async function failure(
  client: pg.Client,
  dir: string,
  m: MigrationFile,
  e: unknown,
  applied: AppliedMigration[],
  pending: MigrationFile[],
): Promise<AppError> {
  const lines = [`Migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`];
  if (!hasNoTransactionMarker(m.upSql)) {
    lines.push(`It was rolled back: nothing of ${m.name} is applied or recorded.`);
  } else {
    // CREATE INDEX CONCURRENTLY leaves an INVALID index behind when it fails; down.sql removes it.
    try {
      await runFile(client, sqlLabel(dir, m, 'down.sql'), m.downSql ?? '', async () => {});
      lines.push(`It ran without a transaction; its down.sql was run to clean up and succeeded. Nothing is recorded.`);
    } catch (down) {
      lines.push(
        `It ran without a transaction; running its down.sql to clean up ALSO failed: ` +
          `${down instanceof Error ? down.message : String(down)}\nCheck the schema by hand (an INVALID index may remain).`,
      );
    }
  }
  lines.push(
    applied.length > 0
      ? `Applied before it in this run, and still applied (each migration is its own transaction): ${applied.map((a) => a.name).join(', ')}.`
      : 'Migrations applied before this run are unaffected.',
  );
  const rest = pending.slice(pending.indexOf(m) + 1).map((p) => p.name);
  if (rest.length > 0) lines.push(`Not attempted: ${rest.join(', ')}.`);
  const where = e instanceof SqlFileError ? { file: e.file, line: e.line, pgCode: e.pgCode } : {};
  return new AppError('INTERNAL', lines.join('\n'), { migration: m.name, applied: applied.map((a) => a.name), ...where }, { cause: e });
}
