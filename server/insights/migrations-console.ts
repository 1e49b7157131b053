// The console's Migrations page as services over the migration runner: the history and
// what is pending (files and online migrations alike), a dry run showing the SQL that
// would run, apply, and roll back the newest applied migration. Each control is
// audit-logged. An online migration (the index advisor's) that is rolled back is also
// discarded, so the next `npm run db -- migrate` does not build the index again.
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import {
  allMigrations,
  discardOnlineMigration,
  isOnlineName,
  migrate,
  migrationStatus,
  readMigrations,
  rollback,
  splitSql,
  type MigrationFile,
} from '../data/migrations';
import { withClient } from '../data/migrations/connect';
import { hasNoTransactionMarker, problemsWithMigration } from '../data/migrations/migration-files';
import { AppError } from '../lib/app-error';
import { urlOf } from './node-pools';

/** The repository's migrations; the server runs from the repository root (npm start, tests). */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma/migrations');

/** Runs fn on a new client on the primary, closed afterwards (the runner's own helper). */
const withPrimary = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(urlOf('primary'), fn);

async function allOf(client: pg.Client): Promise<Map<string, MigrationFile>> {
  return new Map((await allMigrations(client, readMigrations(MIGRATIONS_DIR))).map((m) => [m.name, m]));
}

export async function migrationsOverview() {
  return withPrimary(async (client) => {
    const rows = await migrationStatus(client, MIGRATIONS_DIR);
    const files = await allOf(client);
    const online = await client
      .query<{ name: string; source: string; created_at: Date; details: Record<string, unknown> }>(
        `SELECT name, source, created_at, details FROM schema_online_migration`,
      )
      .then((r) => new Map(r.rows.map((x) => [x.name, x])))
      .catch(() => new Map<string, { name: string; source: string; created_at: Date; details: Record<string, unknown> }>());
    const applied = rows.filter((r) => r.appliedAt).sort((a, b) => a.appliedAt!.getTime() - b.appliedAt!.getTime() || a.name.localeCompare(b.name));
    const newest = applied.at(-1)?.name ?? null;
    const firstPendingFile = rows.find((r) => r.state === 'pending' && !isOnlineName(r.name))?.name ?? null;
    return {
      dir: MIGRATIONS_DIR,
      newestApplied: newest,
      rows: rows.map((r) => {
        const f = files.get(r.name);
        const o = online.get(r.name);
        return {
          ...r,
          source: o ? o.source : f ? 'file' : 'unknown',
          online: isOnlineName(r.name),
          noTransaction: f ? hasNoTransactionMarker(f.upSql) : false,
          createdAt: o?.created_at ?? null,
          details: o?.details ?? null,
          canApply: r.state === 'pending' && (isOnlineName(r.name) || r.name === firstPendingFile),
          canRollBack: r.name === newest && r.state === 'applied',
        };
      }),
    };
  });
}

export const ZMigrationNameInput = z.object({ name: z.string().regex(/^(\d{4}|online_\d{14})_[a-z0-9_]+$/, 'a migration name') }).strict();
export const ZMigrationActionInput = ZMigrationNameInput.extend({
  reason: z.string().trim().min(3, 'Say why, in a few words').max(500), // one line of the audit log
}).strict();

/** What applying (up) or rolling back (down) `name` would run, statement by statement, and why it would be refused. */
export async function migrationDryRun({ name }: z.infer<typeof ZMigrationNameInput>) {
  return withPrimary(async (client) => {
    const m = (await allOf(client)).get(name);
    if (!m) throw new AppError('NOT_FOUND', `No migration ${name} on disk or online`);
    const statements = (sql: string | null) => (sql ? splitSql(sql).map((s) => ({ line: s.line, text: s.text })) : []);
    return {
      name,
      online: m.online === true,
      noTransaction: hasNoTransactionMarker(m.upSql),
      upSql: m.upSql,
      downSql: m.downSql,
      up: statements(m.upSql),
      down: statements(m.downSql),
      problems: problemsWithMigration(m),
    };
  });
}

export async function applyMigration(db: Db, actor: Actor, { name, reason }: z.infer<typeof ZMigrationActionInput>) {
  const overview = await migrationsOverview();
  const row = overview.rows.find((r) => r.name === name);
  if (!row) throw new AppError('NOT_FOUND', `No migration ${name}`);
  if (!row.canApply) {
    throw new AppError('CONFLICT', row.state !== 'pending' ? `${name} is ${row.state}, not pending` : `Apply the earlier pending migrations first: files apply in name order`);
  }
  const { applied } = await withPrimary((c) => migrate(c, MIGRATIONS_DIR, { only: name }));
  const audited = await recordAudit(db, actor, { action: 'migration.apply', target: `migration:${name}`, details: { reason, applied } });
  return { applied, audited };
}

export async function rollbackMigration(db: Db, actor: Actor, { name, reason }: z.infer<typeof ZMigrationActionInput>) {
  const overview = await migrationsOverview();
  if (overview.newestApplied !== name) {
    throw new AppError('CONFLICT', `Only the newest applied migration can be rolled back${overview.newestApplied ? ` (${overview.newestApplied})` : ''}`);
  }
  const { rolledBack, discarded } = await withPrimary(async (c) => {
    const res = await rollback(c, MIGRATIONS_DIR, { count: 1 });
    const discarded = isOnlineName(name) ? await discardOnlineMigration(c, name) : false;
    return { ...res, discarded };
  });
  const audited = await recordAudit(db, actor, { action: 'migration.rollback', target: `migration:${name}`, details: { reason, rolledBack, discarded } });
  return { rolledBack, discarded, audited };
}
