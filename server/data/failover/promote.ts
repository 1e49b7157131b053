// The SQL of a failover, against the nodes themselves (as the app role, a superuser on
// the local stack: ALTER SYSTEM and pg_promote need it).
import pg from 'pg';
import { onNode } from '../node-health';
import { parseLsn } from '../routing/lsn';
import type { Candidate } from './choose-candidate';

const on = <T>(url: string, fn: (c: pg.Client) => Promise<T>, timeoutMs = 3000) => onNode(url, fn, { timeoutMs, app: 'afirgen:failover' });

/** Each node's answer right now: reachable, still a standby, WAL flushed from the old primary. */
export async function probeCandidates(nodes: readonly { name: string; url: string }[]): Promise<Candidate[]> {
  return Promise.all(
    nodes.map(async (n) => {
      try {
        return await on(n.url, async (c) => {
          const { rows } = await c.query<{ r: boolean; lsn: string | null }>('SELECT pg_is_in_recovery() AS r, pg_last_wal_receive_lsn()::text AS lsn');
          return { name: n.name, reachable: true, inRecovery: rows[0]!.r, flushLsn: rows[0]!.lsn ? parseLsn(rows[0]!.lsn) : null };
        }, 1000);
      } catch {
        return { name: n.name, reachable: false, inRecovery: false, flushLsn: null };
      }
    }),
  );
}

/** Conninfo a replica uses to stream from `primaryUrl`, naming itself for synchronous_standby_names. */
export function conninfoFor(primaryUrl: string, replicaName: string): string {
  const u = new URL(primaryUrl);
  const parts = [`host=${u.hostname}`, `port=${u.port || '5432'}`, `user=${decodeURIComponent(u.username)}`, `application_name=${replicaName}`];
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
  return parts.join(' ');
}

/**
 * Promotes `url` (waits until it accepts writes), gives each other node a replication
 * slot on it (slots are not replicated) and makes its commits synchronous on the given
 * replicas — before any write, so none is acknowledged without a replica.
 */
export async function promote(url: string, slots: readonly string[], syncNames: string): Promise<void> {
  await on(url, async (c) => {
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_promote(true, 10) AS ok');
    if (!rows[0]?.ok) throw new Error('pg_promote() did not finish within 10 s');
    await c.query(`ALTER SYSTEM SET synchronous_standby_names = ${pg.escapeLiteral(syncNames)}`);
    await c.query('SELECT pg_reload_conf()');
    for (const s of slots) {
      await c.query('SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)', [s]);
    }
  });
}

/** Re-points a standby at the new primary without a restart (PostgreSQL ≥ 13 reloads primary_conninfo). */
export async function repointReplica(url: string, conninfo: string): Promise<void> {
  await on(url, async (c) => {
    await c.query(`ALTER SYSTEM SET primary_conninfo = ${pg.escapeLiteral(conninfo)}`);
    await c.query('SELECT pg_reload_conf()');
  });
}

/** Planned switchover: the old primary's last WAL position before it stops. */
export async function checkpointAndLsn(url: string): Promise<bigint | null> {
  return on(url, async (c) => {
    await c.query('CHECKPOINT');
    const { rows } = await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return parseLsn(rows[0]!.lsn);
  });
}

export async function replayLsn(url: string): Promise<bigint | null> {
  return on(url, async (c) => {
    const { rows } = await c.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
    return rows[0]?.lsn ? parseLsn(rows[0].lsn) : null;
  }, 1000);
}
