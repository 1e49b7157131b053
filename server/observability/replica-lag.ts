// Replication lag as the primary sees it (pg_stat_replication): the largest replay lag
// of any streaming standby, in seconds. PostgreSQL shows a NULL lag once an idle standby
// has caught up, which is 0; no standby row at all is "no data" (null), not 0.
import type { Db } from '../data';

export async function readReplicaLagSeconds(db: Db): Promise<number | null> {
  const rows = await db.$queryRawUnsafe<{ replicas: bigint | number; lag: number | null }[]>(
    `SELECT count(*) AS replicas, max(COALESCE(EXTRACT(EPOCH FROM replay_lag), 0))::float8 AS lag
       FROM pg_stat_replication WHERE state = 'streaming'`,
  );
  const row = rows[0];
  return row && Number(row.replicas) > 0 ? Number(row.lag ?? 0) : null;
}
