// Apply an index suggestion: it becomes a reversible online migration (CREATE INDEX
// CONCURRENTLY up, DROP INDEX CONCURRENTLY down, each the single statement of a
// no-transaction migration) stored in schema_online_migration and run by the migration
// runner, so it appears in the history and rolls back like any other. Then the
// suggestion's statements are explained again, with the real index, and the measured
// change is returned.
import type pg from 'pg';
import { AppError } from '../../lib/app-error';
import { addOnlineMigration, discardOnlineMigration, migrate, NO_TRANSACTION_MARKER } from '../../data/migrations';
import { explainStatement, planCost } from '../explain';
import { coveredByExisting, indexSql, readCatalog, type AdvisorQuery } from './advise';

export type ApplyInput = { table: string; columns: string[] };

export type ApplyResult = {
  migration: string;
  indexName: string;
  queries: { fingerprint: string; query: string; before: number | null; after: number | null }[];
};

export async function applyIndexSuggestion(
  client: pg.Client,
  migrationsDir: string,
  input: ApplyInput,
  queries: (AdvisorQuery & { before?: number | null })[],
  opts: { createdBy: string | null; timeoutMs?: number; reason?: string },
): Promise<ApplyResult> {
  const { catalog, indexes } = await readCatalog(client);
  const cols = catalog.get(input.table);
  if (!cols) throw new AppError('BAD_REQUEST', `No table "${input.table}" in the public schema`);
  const unknown = input.columns.filter((c) => !cols.has(c));
  if (unknown.length > 0) throw new AppError('BAD_REQUEST', `Table "${input.table}" has no column ${unknown.map((c) => `"${c}"`).join(', ')}`);
  if (new Set(input.columns).size !== input.columns.length) throw new AppError('BAD_REQUEST', 'A column is named twice');
  if (coveredByExisting(input.table, input.columns, indexes)) {
    throw new AppError('CONFLICT', `An existing index on "${input.table}" already starts with (${input.columns.join(', ')})`);
  }
  const sql = indexSql(input.table, input.columns);
  const timeoutMs = opts.timeoutMs ?? 5000;
  const measure = async (q: AdvisorQuery): Promise<number | null> => {
    try {
      return planCost(await explainStatement(client, q.text, q.values, { analyze: false, timeoutMs }));
    } catch {
      return null; // a statement that no longer plans (its table changed) has no cost to compare
    }
  };
  const before = new Map<string, number | null>();
  for (const q of queries) before.set(q.fingerprint, q.before ?? (await measure(q)));
  const name = await addOnlineMigration(client, {
    slug: sql.name,
    upSql: `${NO_TRANSACTION_MARKER}\n-- index advisor: ${opts.reason ?? `suggested for ${queries.length} statement(s)`}\n${sql.createSql}\n`,
    downSql: `${NO_TRANSACTION_MARKER}\n${sql.dropSql}\n`,
    source: 'index-advisor',
    createdBy: opts.createdBy,
    details: { table: input.table, columns: input.columns, indexName: sql.name, fingerprints: queries.map((q) => q.fingerprint) },
  });
  try {
    await migrate(client, migrationsDir, { only: name });
  } catch (err) {
    // The runner already ran down.sql to clean up; don't leave a pending migration behind.
    await discardOnlineMigration(client, name).catch(() => {});
    throw err;
  }
  // The planner sees the new index at once; ANALYZE is not needed for a btree on existing columns.
  const after: ApplyResult['queries'] = [];
  for (const q of queries) after.push({ fingerprint: q.fingerprint, query: q.query, before: before.get(q.fingerprint) ?? null, after: await measure(q) });
  return { migration: name, indexName: sql.name, queries: after };
}
