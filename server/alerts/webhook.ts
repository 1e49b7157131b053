// Posting alert events to ALERT_WEBHOOK_URL: one JSON POST per event, oldest first.
// An event is marked notified_at once the webhook answers 2xx; until then every
// evaluation tries again (events of the last hour, a few per run), so an outage of
// the receiver delays notifications instead of losing them.
import type { Db } from '../data';
import type { logger as Logger } from '../observability/logger';

const TIMEOUT_MS = 5_000;
const BATCH = 20; // per evaluation: a long backlog drains over a few runs instead of stalling one
const RETRY_FOR_MS = 60 * 60_000;

export type WebhookPayload = {
  event_id: string;
  state: 'firing' | 'resolved';
  rule: { id: string; name: string; severity: string; comparator: string };
  metric: string;
  value: number | null;
  threshold: number;
  message: string;
  at: string;
};

export async function deliverPending(db: Db, url: string, opts: { ruleIds?: string[]; log: typeof Logger }): Promise<number> {
  const pending = await db.alertEvent.findMany({
    where: { notifiedAt: null, at: { gt: new Date(Date.now() - RETRY_FOR_MS) }, ...(opts.ruleIds ? { ruleId: { in: opts.ruleIds } } : {}) },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: BATCH,
    include: { rule: { select: { id: true, name: true, severity: true, comparator: true } } },
  });
  let delivered = 0;
  for (const e of pending) {
    const payload: WebhookPayload = {
      event_id: e.id.toString(),
      state: e.state as 'firing' | 'resolved',
      rule: e.rule,
      metric: e.metric,
      value: e.value,
      threshold: e.threshold,
      message: e.message,
      at: e.at.toISOString(),
    };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      await db.alertEvent.update({ where: { id: e.id }, data: { notifiedAt: new Date() } });
      delivered += 1;
    } catch (err) {
      opts.log.warn({ err, event: payload.event_id }, 'alert webhook delivery failed; will retry');
      break; // the receiver is down: keep the order, try again next run
    }
  }
  return delivered;
}
