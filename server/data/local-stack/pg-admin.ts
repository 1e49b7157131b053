// SQL the stack manager runs on its own nodes: readiness, replication state, slots,
// and the idempotent bootstrap (app role, extensions in template1, app database).
// Always as the bootstrap superuser over loopback TCP, with short timeouts.
import pg from 'pg';
import { ADMIN_ROLE, APP_ROLE, type StackConfig, type StackLogger } from './config';
import { expectedSyncNames, sameSyncNames } from './pg-settings';
import { primaryPort, recordedPrimary } from './stack-state';

export async function withClient<T>(port: number, database: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: ADMIN_ROLE,
    database,
    application_name: 'afirgen-stack',
    connectionTimeoutMillis: 3000,
    query_timeout: 15_000,
  });
  // A node killed mid-query emits 'error' on the client; unhandled, it would crash the caller.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function canConnect(port: number): Promise<boolean> {
  try {
    await withClient(port, 'postgres', (c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

export async function isInRecovery(port: number): Promise<boolean> {
  return withClient(port, 'postgres', async (c) => {
    const { rows } = await c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
    return rows[0]?.r ?? false;
  });
}

export type ReplicationRow = {
  name: string;
  state: string;
  syncState: string;
  lagBytes: number | null;
  lagSeconds: number | null;
};

// replay_lag turns NULL once an idle replica has caught up; that is a lag of 0, not unknown.
const REPLICATION_SQL = `
  SELECT application_name AS name, state, sync_state,
         pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 AS lag_bytes,
         COALESCE(extract(epoch FROM replay_lag)::float8,
                  CASE WHEN replay_lsn = pg_current_wal_lsn() THEN 0 END) AS lag_seconds
  FROM pg_stat_replication`;

export function toReplicationRow(r: Record<string, unknown>): ReplicationRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    name: String(r.name ?? ''),
    state: String(r.state ?? ''),
    syncState: String(r.sync_state ?? ''),
    lagBytes: num(r.lag_bytes),
    lagSeconds: num(r.lag_seconds),
  };
}

export async function replicationRows(primaryPort: number): Promise<ReplicationRow[]> {
  return withClient(primaryPort, 'postgres', async (c) => {
    const { rows } = await c.query(REPLICATION_SQL);
    return rows.map(toReplicationRow);
  });
}

export async function slotExists(primaryPort: number, slot: string): Promise<boolean> {
  return withClient(primaryPort, 'postgres', async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    return (rowCount ?? 0) > 0;
  });
}

/** Drop a slot once nothing streams from it; false if it stayed active until the deadline. */
export async function dropSlot(primaryPort: number, slot: string, deadline: number): Promise<boolean> {
  return withClient(primaryPort, 'postgres', async (c) => {
    for (;;) {
      const { rows } = await c.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      if (rows.length === 0) return true;
      if (!rows[0]!.active) {
        await c.query('SELECT pg_drop_replication_slot($1)', [slot]);
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
}

/** The timeline the primary writes on: the first 8 hex digits of its current WAL file's name. */
export async function currentTimeline(primaryPort: number): Promise<number> {
  return withClient(primaryPort, 'postgres', async (c) => {
    const { rows } = await c.query<{ f: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f');
    return parseInt(rows[0]!.f.slice(0, 8), 16);
  });
}

/**
 * Whether a standby streams WAL of timeline `tli`. One that replayed WAL past the point
 * where that timeline forked off never gets there: it streams its old timeline up to the
 * fork, is cut off, and tries again forever ("new timeline forked off ... before current
 * recovery point" in its log).
 */
export async function streamsTimeline(port: number, tli: number): Promise<boolean> {
  try {
    return await withClient(port, 'postgres', async (c) => {
      const { rows } = await c.query<{ status: string; tli: number | null }>('SELECT status, received_tli AS tli FROM pg_stat_wal_receiver');
      return rows[0]?.status === 'streaming' && Number(rows[0].tli) === tli;
    });
  } catch {
    return false;
  }
}

export async function currentSyncNames(primaryPort: number): Promise<string> {
  return withClient(primaryPort, 'postgres', async (c) => {
    const { rows } = await c.query<{ s: string }>('SELECT current_setting($1) AS s', ['synchronous_standby_names']);
    return rows[0]?.s ?? '';
  });
}

/** ALTER SYSTEM + reload; only called once the replicas stream, or every commit would hang. */
export async function ensureSyncNames(cfg: StackConfig, log: StackLogger): Promise<void> {
  const want = expectedSyncNames(cfg, recordedPrimary(cfg));
  if (sameSyncNames(await currentSyncNames(primaryPort(cfg)), want)) return;
  await withClient(primaryPort(cfg), 'postgres', async (c) => {
    if (want === '') await c.query('ALTER SYSTEM RESET synchronous_standby_names');
    else await c.query(`ALTER SYSTEM SET synchronous_standby_names = '${want}'`);
    await c.query('SELECT pg_reload_conf()');
  });
  log(want ? `primary: synchronous replication on (synchronous_standby_names = '${want}').` : 'primary: synchronous replication off (no replicas).');
}

const EXTENSIONS = ['pg_stat_statements', 'hypopg'] as const;

async function ensureExtensions(port: number, database: string): Promise<string[]> {
  return withClient(port, database, async (c) => {
    const { rows } = await c.query<{ extname: string }>('SELECT extname FROM pg_extension');
    const have = new Set(rows.map((r) => r.extname));
    const added = EXTENSIONS.filter((e) => !have.has(e));
    for (const e of added) await c.query(`CREATE EXTENSION IF NOT EXISTS ${e}`);
    return added;
  });
}

/**
 * Role, extensions and database, created only when missing, so on a healthy stack this
 * is a few reads and no commit (with synchronous replication a commit waits for a replica).
 */
export async function ensureBootstrap(cfg: StackConfig, log: StackLogger): Promise<void> {
  const port = primaryPort(cfg);
  const dbExists = await withClient(port, 'postgres', async (c) => {
    const role = await c.query<{ ok: boolean }>(
      'SELECT rolcanlogin AND rolsuper AND rolreplication AS ok FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    if (role.rows.length === 0) {
      await c.query(`CREATE ROLE ${APP_ROLE} LOGIN SUPERUSER REPLICATION`);
      log(`primary: created role ${APP_ROLE}.`);
    } else if (!role.rows[0]!.ok) {
      await c.query(`ALTER ROLE ${APP_ROLE} LOGIN SUPERUSER REPLICATION`);
      log(`primary: gave role ${APP_ROLE} LOGIN SUPERUSER REPLICATION back.`);
    }
    const db = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [cfg.database]);
    return (db.rowCount ?? 0) > 0;
  });
  // template1 first: every database created afterwards (tests make scratch ones) inherits them.
  const inTemplate = await ensureExtensions(port, 'template1');
  if (inTemplate.length > 0) log(`primary: created extension ${inTemplate.join(', ')} in template1.`);
  if (!dbExists) {
    // The template1 connection above is closed by now; CREATE DATABASE needs it unused.
    await withClient(port, 'postgres', (c) => c.query(`CREATE DATABASE "${cfg.database}" OWNER ${APP_ROLE}`));
    log(`primary: created database ${cfg.database} (owner ${APP_ROLE}).`);
  } else {
    const inApp = await ensureExtensions(port, cfg.database);
    if (inApp.length > 0) log(`primary: created extension ${inApp.join(', ')} in ${cfg.database}.`);
  }
}
