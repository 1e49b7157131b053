// Top statements per node: what this process captured (calls, time, rows, examples
// with route and correlation id) merged by fingerprint with pg_stat_statements on the
// same node (everything every client ran since the server's counters were reset).
// pg_stat_statements' texts carry $n where constants were, and fingerprint the same
// as the statements the app sends, so the two views meet on one row.
import { logger } from '../observability';
import type { StatementStore } from './capture';
import { insightsPool, nodeNames } from './node-pools';
import { statementInfo } from './statement-info';

export type StatementSide = { calls: number; totalMs: number; meanMs: number; rows: number };

export type TopStatement = {
  node: string;
  fingerprint: string;
  query: string;
  command: string;
  /** captured by this process since it started (or the last reset) */
  app: (StatementSide & { maxMs: number; errors: number }) | null;
  /** pg_stat_statements on the node, all clients */
  server: StatementSide | null;
  examples: { at: number; durationMs: number; route: string | null; correlationId: string | null }[];
};

export type TopOrder = 'total' | 'mean' | 'calls';

type PgssRow = { query: string; calls: string; total_exec_time: number; rows: string };

/** pg_stat_statements of the current database on `node`, summed by our fingerprint; null when unreadable. */
export async function readPgStatStatements(node: string): Promise<Map<string, StatementSide & { query: string }> | null> {
  try {
    const { rows } = await insightsPool(node).query<PgssRow>(
      `SELECT query, calls, total_exec_time, rows FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel`,
    );
    const out = new Map<string, StatementSide & { query: string }>();
    for (const r of rows) {
      const info = statementInfo(r.query);
      const s = out.get(info.fingerprint) ?? { query: info.normalized, calls: 0, totalMs: 0, meanMs: 0, rows: 0 };
      s.calls += Number(r.calls);
      s.totalMs += r.total_exec_time;
      s.rows += Number(r.rows);
      s.meanMs = s.calls ? s.totalMs / s.calls : 0;
      out.set(info.fingerprint, s);
    }
    return out;
  } catch (err) {
    logger.warn({ err, node }, 'pg_stat_statements not readable');
    return null;
  }
}

export async function topStatements(
  store: StatementStore,
  opts: { node?: string; order: TopOrder; limit: number },
): Promise<{ node: string; serverStats: boolean; rows: TopStatement[] }[]> {
  const nodes = opts.node ? [opts.node] : nodeNames();
  return Promise.all(
    nodes.map(async (node) => {
      const pgss = await readPgStatStatements(node);
      const rows = new Map<string, TopStatement>();
      for (const c of store.list().filter((s) => s.node === node)) {
        rows.set(c.fingerprint, {
          node,
          fingerprint: c.fingerprint,
          query: c.info.normalized,
          command: c.info.command,
          app: { calls: c.calls, totalMs: c.totalMs, meanMs: c.totalMs / c.calls, rows: c.rows, maxMs: c.maxMs, errors: c.errors },
          server: null,
          examples: c.examples.map((e) => ({ at: e.at, durationMs: e.durationMs, route: e.route, correlationId: e.correlationId })).reverse(),
        });
      }
      for (const [fp, s] of pgss ?? []) {
        const { query, ...side } = s;
        const row = rows.get(fp);
        if (row) row.server = side;
        else rows.set(fp, { node, fingerprint: fp, query, command: statementInfo(query).command, app: null, server: side, examples: [] });
      }
      const key = (r: TopStatement) => {
        const s = r.app ?? r.server!;
        const both = r.server && r.server.calls > (r.app?.calls ?? 0) ? r.server : s;
        return opts.order === 'total' ? both.totalMs : opts.order === 'mean' ? both.meanMs : both.calls;
      };
      return { node, serverStats: pgss !== null, rows: [...rows.values()].sort((a, b) => key(b) - key(a)).slice(0, opts.limit) };
    }),
  );
}
