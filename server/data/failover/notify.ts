// Telling administrators about a failover or switchover: a log line carrying an alert
// name (what the log-based alerting keys on), metrics, the shared history, and a POST
// to DB_FAILOVER_WEBHOOK_URL when it is set.
import client from 'prom-client';
import { remember } from '../../lib';
import { logger, registry } from '../../observability';
import type { TFailoverEvent } from './topology-store';

const WEBHOOK_TIMEOUT_MS = 3000; // a slow receiver must not hold up the next failover

export const failoverMetrics = {
  events: remember(
    'metrics:db_failovers_total',
    () => new client.Counter({ name: 'db_failovers_total', help: 'Failovers and switchovers, by kind and whether a node was promoted', labelNames: ['kind', 'result'] as const, registers: [registry] }),
  ),
  epoch: remember('metrics:db_topology_epoch', () => new client.Gauge({ name: 'db_topology_epoch', help: 'The topology epoch (term) this instance follows', registers: [registry] })),
  unavailableSeconds: remember(
    'metrics:db_failover_unavailable_seconds',
    () => new client.Gauge({ name: 'db_failover_unavailable_seconds', help: 'Last failover: from the first failed check of the primary to the new primary taking writes', registers: [registry] }),
  ),
};

export async function notifyFailover(e: TFailoverEvent, webhookUrl: string | undefined): Promise<void> {
  failoverMetrics.events.inc({ kind: e.kind, result: e.ok ? 'promoted' : 'blocked' });
  if (e.ok) {
    failoverMetrics.unavailableSeconds.set((e.finishedAt - e.startedAt) / 1000);
    logger.error({ alert: 'db_failover', event: e }, `database ${e.kind}: ${e.to} is the primary now (epoch ${e.epoch}; was ${e.from})`);
  } else {
    logger.error({ alert: 'db_failover_blocked', event: e }, `database ${e.kind} from ${e.from} not done: ${e.reason}`);
  }
  if (!webhookUrl) return;
  try {
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: `database.${e.kind}`, ...e }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!res.ok) logger.warn({ status: res.status }, 'failover webhook answered with an error status');
  } catch (err) {
    logger.warn({ err }, 'failover webhook could not be delivered');
  }
}
