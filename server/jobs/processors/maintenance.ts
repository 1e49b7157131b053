// Maintenance jobs: archive old closed FIRs, keep pg_stat_statements snapshots, and
// expire cache statistics and old task rows. Each is idempotent: running it again
// finds less or nothing to do.
import { remember } from '../../lib';
import { jobsConfig } from '../config';
import { workerConnection } from '../queues';
import type { Processor } from './types';

/**
 * Archiving marks (archived_at) closed FIRs untouched for FIR_ARCHIVE_AFTER_DAYS; the
 * record itself is kept (a FIR is evidence), lists can leave archived ones out. In
 * batches, so a first run over years of FIRs holds no long lock.
 */
export const archiveClosed: Processor<'maintenance.archive'> = async ({ batchSize }, { db, progress }) => {
  let archived = 0;
  for (let round = 0; round < 1000; round++) {
    const n = await db.$executeRaw`
      UPDATE fir SET archived_at = now()
      WHERE id IN (
        SELECT id FROM fir
        WHERE status = 'closed' AND archived_at IS NULL
          AND updated_at < now() - make_interval(days => ${jobsConfig.archiveAfterDays}::int)
        LIMIT ${batchSize}::int
        FOR UPDATE SKIP LOCKED)`;
    archived += n;
    if (n < batchSize) break;
    await progress(Math.min(95, round + 1));
  }
  return { archived, olderThanDays: jobsConfig.archiveAfterDays };
};

/** The top statements by total time right now, in this database; skipped when the extension is missing. */
export const snapshotStatements: Processor<'maintenance.statements'> = async ({ top }, { db }) => {
  const [ext] = await db.$queryRaw<{ ok: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS ok`;
  if (!ext?.ok) return { captured: 0, skipped: 'pg_stat_statements is not installed in this database' };
  const captured = await db.$executeRaw`
    INSERT INTO statement_snapshot (captured_at, queryid, query, calls, total_exec_ms, mean_exec_ms, rows)
    SELECT now(), queryid, min(query), sum(calls), sum(total_exec_time), sum(total_exec_time) / greatest(sum(calls), 1), sum(rows)
    FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
    GROUP BY queryid
    ORDER BY sum(total_exec_time) DESC
    LIMIT ${top}::int`;
  return { captured };
};

/** Cache statistics keys without an expiry get one; finished task rows past retention go. */
export const expireStats: Processor<'maintenance.expire'> = async (_payload, { db }) => {
  // Not the cache's client: its 500 ms command timeout suits requests, not a SCAN of the keyspace.
  const redis = remember('jobs:maintenance-redis', workerConnection);
  let scanned = 0;
  let expired = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', jobsConfig.cacheStatsPattern, 'COUNT', 500);
    cursor = next;
    scanned += keys.length;
    for (const key of keys) {
      // EXPIRE … NX: only keys with no expiry yet, so a stat's own shorter TTL stands.
      if ((await redis.call('EXPIRE', key, String(jobsConfig.cacheStatsTtlSeconds), 'NX')) === 1) expired++;
    }
  } while (cursor !== '0');
  const tasksDeleted = await db.$executeRaw`
    DELETE FROM background_task
    WHERE status IN ('completed', 'cancelled', 'failed') AND completed_at < now() - make_interval(days => ${jobsConfig.taskRetentionDays}::int)`;
  return { scanned, expired, tasksDeleted };
};
