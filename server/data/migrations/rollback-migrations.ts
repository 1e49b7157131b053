// `rollback [n]`: runs the down.sql of the last n applied migrations, newest first,
// each in one transaction with the removal of its history row.
import { AppError } from '../../lib/app-error';
import { withMigrationLock } from './advisory-lock';
import { DEFAULT_LOCK_TIMEOUT_MS, type AppliedMigration, type RunnerOptions } from './apply-migrations';
import { withClient, type Db } from './connect';
import { forgetApplied, readHistory } from './history';
import { problemsWithSql, readMigrations } from './migration-files';
import { allMigrations, assertHistoryIntact, compareDiskAndHistory } from './migration-status';
import { sqlLabel } from './online-migrations';
import { runFile, SqlFileError } from './run-sql';

export type RollbackOptions = RunnerOptions & {
  /** how many applied migrations to undo, newest first (default 1) */
  count?: number;
};

export async function rollback(db: Db, dir: string, opts: RollbackOptions = {}): Promise<{ rolledBack: AppliedMigration[] }> {
  const log = opts.log ?? (() => {});
  const count = opts.count ?? 1;
  if (!Number.isInteger(count) || count < 0) throw new AppError('BAD_REQUEST', `rollback count must be a whole number ≥ 0, got ${count}`);
  const onDisk = readMigrations(dir);
  return withClient(db, (client) =>
    withMigrationLock(client, { timeoutMs: opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, log }, async () => {
      const files = new Map((await allMigrations(client, onDisk)).map((f) => [f.name, f]));
      const history = await readHistory(client);
      assertHistoryIntact(compareDiskAndHistory([...files.values()], history), 'roll back');
      // Newest first by when it was applied: online migrations interleave with files by time, not name.
      const byTime = [...history].sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime() || a.name.localeCompare(b.name));
      const targets = byTime.map((h) => files.get(h.name)!).reverse().slice(0, count);
      if (targets.length === 0) log('nothing to roll back: no migration is applied');

      const problems = targets.flatMap((m) =>
        m.downSql === null ? [`${m.name} has no down.sql`] : problemsWithSql(`${m.name}/down.sql`, m.downSql),
      );
      if (problems.length > 0) {
        throw new AppError('BAD_REQUEST', `Refusing to roll back: nothing was rolled back.\n- ${problems.join('\n- ')}`, { problems });
      }

      const done: AppliedMigration[] = [];
      for (const m of targets) {
        log(`rolling back ${m.name}…`);
        try {
          const durationMs = await runFile(client, sqlLabel(dir, m, 'down.sql'), m.downSql!, () => forgetApplied(client, m.name));
          done.push({ name: m.name, durationMs });
          log(`  rolled back ${m.name} in ${Math.round(durationMs)} ms`);
        } catch (e) {
          const lines = [
            `Rolling back ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`,
            `${m.name} is still applied (its down.sql was run in a transaction and rolled back, unless marked no-transaction).`,
            done.length > 0 ? `Rolled back before it in this run: ${done.map((d) => d.name).join(', ')}.` : 'Nothing was rolled back.',
          ];
          const where = e instanceof SqlFileError ? { file: e.file, line: e.line, pgCode: e.pgCode } : {};
          throw new AppError('INTERNAL', lines.join('\n'), { migration: m.name, ...where }, { cause: e });
        }
      }
      return { rolledBack: done };
    }),
  );
}
