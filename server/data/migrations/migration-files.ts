// Reads prisma/migrations/NNNN_name/{up,down}.sql and checks each file is one the
// runner can apply safely, before anything touches the database.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { keyword } from './sql-lexer';
import { splitSql } from './sql-splitter';

/** First line of an up.sql/down.sql that must run outside a transaction (CREATE INDEX CONCURRENTLY). */
export const NO_TRANSACTION_MARKER = '-- afirgen:no-transaction';
export const TODO_PREFIX = '-- TODO: reverse:';
export const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+$/;

export type MigrationFile = {
  name: string;
  dir: string;
  upSql: string;
  /** null when down.sql does not exist */
  downSql: string | null;
  /** sha256 of up.sql followed by down.sql, hex */
  checksum: string;
  /** kept in the database (online-migrations.ts), not on disk */
  online?: boolean;
};

export function checksumOf(upSql: string, downSql: string | null): string {
  return createHash('sha256').update(upSql).update(downSql ?? '').digest('hex');
}

export function hasNoTransactionMarker(sql: string): boolean {
  const first = sql.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return first.trim() === NO_TRANSACTION_MARKER;
}

/** Migrations on disk in name order. Directories that don't look like NNNN_name are an error, not skipped. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(path.join(dir, n)).isDirectory())
    .sort();
  const bad = names.filter((n) => !MIGRATION_NAME.test(n));
  if (bad.length > 0) {
    throw new Error(`${dir}: ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not named NNNN_lower_snake_name`);
  }
  return names.map((name) => {
    const mdir = path.join(dir, name);
    const up = path.join(mdir, 'up.sql');
    const down = path.join(mdir, 'down.sql');
    if (!existsSync(up)) throw new Error(`${name}: up.sql is missing`);
    const upSql = readFileSync(up, 'utf8');
    const downSql = existsSync(down) ? readFileSync(down, 'utf8') : null;
    return { name, dir: mdir, upSql, downSql, checksum: checksumOf(upSql, downSql) };
  });
}

const TX_CONTROL = ['BEGIN', 'COMMIT', 'ROLLBACK', 'START', 'END', 'ABORT'];

/** Why one file (up.sql or down.sql) can't be run as it is; [] when it can. */
export function problemsWithSql(file: string, sql: string): string[] {
  const problems: string[] = [];
  const statements = splitSql(sql);
  if (statements.length === 0) problems.push(`${file} has no statements`);
  if (sql.includes(TODO_PREFIX)) {
    problems.push(`${file} still has "${TODO_PREFIX}" lines: write the reverse statements by hand`);
  }
  const markerLine = sql.split('\n').findIndex((l) => l.trim() === NO_TRANSACTION_MARKER);
  if (markerLine > 0) problems.push(`${file}: "${NO_TRANSACTION_MARKER}" only counts as the first line (it is on line ${markerLine + 1})`);
  if (hasNoTransactionMarker(sql)) {
    // Outside a transaction a second statement could fail after the first took effect,
    // leaving the migration half-applied with nothing to roll it back.
    if (statements.length > 1) {
      problems.push(
        `${file} is marked "${NO_TRANSACTION_MARKER}" but has ${statements.length} statements: ` +
          'a non-transactional migration must hold exactly one, split it into several migrations',
      );
    }
  } else {
    for (const st of statements) {
      if (TX_CONTROL.includes(keyword(st.tokens[0]))) {
        problems.push(`${file}:${st.line}: ${keyword(st.tokens[0])} — the runner wraps each migration in its own transaction`);
      }
    }
  }
  return problems;
}

/** Why a pending migration can't be applied; [] when it can. */
export function problemsWithMigration(m: MigrationFile): string[] {
  const problems = problemsWithSql(`${m.name}/up.sql`, m.upSql);
  if (m.downSql === null) {
    problems.push(`${m.name} has no down.sql: every migration needs one (\`npm run db -- new\` generates it)`);
  } else {
    problems.push(...problemsWithSql(`${m.name}/down.sql`, m.downSql));
  }
  return problems;
}
