// Database statements as metrics (db-cache-infrastructure Property 38: latency,
// throughput and errors for every statement), fed by the driver-level statement seam
// (server/data/statement-hooks):
//   db_statement_duration_seconds{node,kind}   histogram; its _count is the throughput
//   db_statement_errors_total{node,kind}
// node is the pool's node name (primary, replica1…), kind the statement's verb reduced
// to select | insert | update | delete | other, so both label sets stay small.
import client from 'prom-client';
import { onStatement, type StatementEvent } from '../data/statement-hooks';
import { logger } from './logger';

export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';

const LEADING_NOISE = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/|\()+/;

/** The statement's verb: "  /* x *\/ SELECT …" → select; BEGIN, WITH…, SET… → other. */
export function statementKind(text: string): StatementKind {
  const rest = text.replace(LEADING_NOISE, '');
  const verb = /^[A-Za-z]+/.exec(rest)?.[0]?.toLowerCase();
  return verb === 'select' || verb === 'insert' || verb === 'update' || verb === 'delete' ? verb : 'other';
}

export function registerDbMetrics(registry: client.Registry, enabled: boolean): void {
  const duration = new client.Histogram({
    name: 'db_statement_duration_seconds',
    help: 'SQL statements by database node and kind (select, insert, update, delete, other)',
    labelNames: ['node', 'kind'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new client.Counter({
    name: 'db_statement_errors_total',
    help: 'SQL statements that failed, by database node and kind',
    labelNames: ['node', 'kind'] as const,
    registers: [registry],
  });
  if (!enabled) return;
  // Children per (node, kind), made once: the listener runs for every statement.
  const children = new Map<string, { d: client.Histogram.Internal<'node' | 'kind'>; e: client.Counter.Internal }>();
  onStatement((s: StatementEvent) => {
      const kind = statementKind(s.text);
      const key = `${s.node} ${kind}`;
      let c = children.get(key);
      if (!c) {
        c = { d: duration.labels({ node: s.node, kind }), e: errors.labels({ node: s.node, kind }) };
        children.set(key, c);
      }
      c.d.observe(s.durationMs / 1000);
      if (s.error) c.e.inc();
      // At debug level only: a line per statement, carrying the request's correlation id.
      if (logger.isLevelEnabled('debug')) {
        logger.debug({ db: { node: s.node, kind, duration_ms: Math.round(s.durationMs * 100) / 100, rows: s.rowCount }, err: s.error }, 'sql statement');
      }
  });
}
