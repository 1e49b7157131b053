// Runs one migration file statement by statement, so that a failure can be pinned to
// the line of the file it came from: PostgreSQL reports no position at all for many
// errors (e.g. "relation already exists"), and one relative to the query text otherwise.
import type pg from 'pg';
import { hasNoTransactionMarker } from './migration-files';
import { lineAt, pgPositionToOffset, splitSql } from './sql-splitter';

/** A statement of a migration file failed; `file:line` points at it. */
export class SqlFileError extends Error {
  override readonly name = 'SqlFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly pgMessage: string,
    readonly pgCode: string | undefined,
    readonly hint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${pgMessage}${pgCode ? ` (SQLSTATE ${pgCode})` : ''}${hint ? `\n  hint: ${hint}` : ''}`, options);
  }
}

type PgError = { message: string; code?: string; position?: string; hint?: string };

/** Executes each statement of `sql` on `client` (no BEGIN/COMMIT here). */
export async function runStatements(client: pg.Client, file: string, sql: string): Promise<void> {
  for (const st of splitSql(sql)) {
    try {
      await client.query(st.text);
    } catch (e) {
      const err = e as PgError;
      const pos = Number(err.position);
      const offset = st.start + (pos > 0 ? pgPositionToOffset(st.text, pos) : 0);
      throw new SqlFileError(file, lineAt(sql, offset), err.message, err.code, err.hint, { cause: e });
    }
  }
}

/**
 * Runs a file as one unit together with `record` (the history insert or delete): inside
 * one transaction, or, for a file marked no-transaction, its single statement then `record`.
 */
export async function runFile(
  client: pg.Client,
  file: string,
  sql: string,
  record: (durationMs: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  if (hasNoTransactionMarker(sql)) {
    await runStatements(client, file, sql);
    const ms = performance.now() - started;
    await record(ms);
    return ms;
  }
  await client.query('BEGIN');
  try {
    await runStatements(client, file, sql);
    const ms = performance.now() - started;
    await record(ms);
    await client.query('COMMIT');
    return ms;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
