// One-shot health checks of each database node: a fresh connection per check (with a
// short timeout) so a dead node is seen as dead, not hidden behind a pooled socket.
import pg from 'pg';

export type NodeHealth = {
  name: string;
  /** host:port only; credentials never leave the server */
  address: string;
  up: boolean;
  role: 'primary' | 'replica' | 'unknown';
  latencyMs: number;
  /** replicas only: bytes received but not yet replayed, and seconds since the last replayed commit */
  replayLagBytes?: number;
  error?: string;
};

/**
 * Runs `fn` on a fresh connection to one node, closed afterwards: administration
 * (promotion, ALTER SYSTEM) and probes that must not ride on a pooled socket.
 */
export async function onNode<T>(url: string, fn: (c: pg.Client) => Promise<T>, opts: { timeoutMs?: number; app?: string } = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs * 5, application_name: opts.app ?? 'afirgen:admin' });
  // A node dying mid-call emits 'error' on the client; without a listener that crashes the process.
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

export function addressOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

export async function checkPostgres(name: string, url: string, timeoutMs = 1500): Promise<NodeHealth> {
  const started = performance.now();
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A node dying mid-check emits 'error' on the client; without a listener that crashes the process.
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ in_recovery: boolean; lag_bytes: string | null }>(
      `SELECT pg_is_in_recovery() AS in_recovery,
              CASE WHEN pg_is_in_recovery()
                   THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::text END AS lag_bytes`,
    );
    const row = rows[0]!;
    return {
      name,
      address: addressOf(url),
      up: true,
      role: row.in_recovery ? 'replica' : 'primary',
      latencyMs: round(performance.now() - started),
      ...(row.lag_bytes !== null ? { replayLagBytes: Math.max(0, Number(row.lag_bytes)) } : {}),
    };
  } catch (err) {
    return {
      name,
      address: addressOf(url),
      up: false,
      role: 'unknown',
      latencyMs: round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    await client.end().catch(() => {});
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
