// Schema migrations: plain SQL files in prisma/migrations/NNNN_name/{up,down}.sql,
// applied by our own runner because prisma migrate cannot run on these machines.
// See docs/migrations.md. Everything here takes a connection string or pg.Client and
// a migrations directory, so tests can aim it at scratch databases.
export { migrate, DEFAULT_LOCK_TIMEOUT_MS, type MigrateOptions, type RunnerOptions, type AppliedMigration } from './apply-migrations';
export { rollback, type RollbackOptions } from './rollback-migrations';
export { migrationStatus, type MigrationStatusRow, type MigrationState } from './migration-status';
export { scaffoldMigration, migrationSlug, type ScaffoldedMigration } from './scaffold-migration';
export { generateDownSql, type GeneratedDownSql } from './down-sql';
export { splitSql, lineAt, type SqlStatement } from './sql-splitter';
export { readMigrations, checksumOf, NO_TRANSACTION_MARKER, type MigrationFile } from './migration-files';
export { HISTORY_TABLE, readHistory, type HistoryRow } from './history';
export { MIGRATION_LOCK_KEY } from './advisory-lock';
export { SqlFileError } from './run-sql';
export { snapshotSchema, isEmptySnapshot, type SchemaSnapshot } from './schema-snapshot';
export { findSchemaDrift, diffDatamodel } from './schema-drift';
export { readDbModel, type DbModel } from './db-model';
export { loadPrismaDatamodel, type PrismaDatamodel } from './prisma-datamodel';
export type { Db } from './connect';
export {
  ONLINE_TABLE,
  addOnlineMigration,
  discardOnlineMigration,
  readOnlineMigrations,
  isOnlineName,
  type NewOnlineMigration,
} from './online-migrations';
export { allMigrations } from './migration-status';
