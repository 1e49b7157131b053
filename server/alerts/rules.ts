// Alert rules (alert_rule) and their events (alert_event): what admins see and edit on
// the console. Edits are audit-logged; the evaluator picks them up at its next run.
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import { AppError } from '../lib';
import { METRIC_NAMES, METRIC_QUERIES, type MetricName } from '../observability/metric-queries';

export const ZAlertRuleInput = z
  .object({
    name: z.string().trim().min(3).max(100),
    metric: z.enum(METRIC_NAMES as [MetricName, ...MetricName[]]),
    comparator: z.enum(['above', 'below']),
    threshold: z.number().finite().min(-1e12).max(1e12),
    forSeconds: z.number().int().min(0).max(86_400), // up to a day: longer is not an alert
    severity: z.enum(['warning', 'critical']),
    enabled: z.boolean(),
  })
  .strict();
export type TAlertRuleInput = z.infer<typeof ZAlertRuleInput>;

export const ZSaveAlertRuleInput = z.object({ id: z.uuid().nullable(), rule: ZAlertRuleInput }).strict();
export const ZDeleteAlertRuleInput = z.object({ id: z.uuid() }).strict();

export type AlertRuleView = TAlertRuleInput & { id: string; updatedAt: Date; firing: boolean; lastEventAt: Date | null };
export type AlertEventView = {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  state: 'firing' | 'resolved';
  metric: string;
  value: number | null;
  threshold: number;
  message: string;
  at: Date;
  notifiedAt: Date | null;
};

function ruleView(r: {
  id: string;
  name: string;
  metric: string;
  comparator: string;
  threshold: number;
  forSeconds: number;
  severity: string;
  enabled: boolean;
  updatedAt: Date;
  events: { state: string; at: Date }[];
}): AlertRuleView {
  const last = r.events[0];
  return {
    id: r.id,
    name: r.name,
    metric: r.metric as MetricName,
    comparator: r.comparator as 'above' | 'below',
    threshold: r.threshold,
    forSeconds: r.forSeconds,
    severity: r.severity as 'warning' | 'critical',
    enabled: r.enabled,
    updatedAt: r.updatedAt,
    firing: last?.state === 'firing',
    lastEventAt: last?.at ?? null,
  };
}

export async function listAlertRules(db: Db): Promise<AlertRuleView[]> {
  const rows = await db.alertRule.findMany({
    orderBy: { name: 'asc' },
    include: { events: { orderBy: { at: 'desc' }, take: 1, select: { state: true, at: true } } },
  });
  return rows.map(ruleView);
}

export async function listAlertEvents(db: Db, opts: { limit: number; ruleId?: string }): Promise<AlertEventView[]> {
  const rows = await db.alertEvent.findMany({
    where: opts.ruleId ? { ruleId: opts.ruleId } : {},
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: opts.limit,
    include: { rule: { select: { name: true, severity: true } } },
  });
  return rows.map((e) => ({
    id: e.id.toString(),
    ruleId: e.ruleId,
    ruleName: e.rule.name,
    severity: e.rule.severity,
    state: e.state as 'firing' | 'resolved',
    metric: e.metric,
    value: e.value,
    threshold: e.threshold,
    message: e.message,
    at: e.at,
    notifiedAt: e.notifiedAt,
  }));
}

/** Rules whose latest event is "firing". */
export async function activeAlerts(db: Db): Promise<AlertRuleView[]> {
  return (await listAlertRules(db)).filter((r) => r.firing);
}

export async function saveAlertRule(db: Db, actor: Actor, input: z.infer<typeof ZSaveAlertRuleInput>): Promise<{ rule: AlertRuleView; audited: boolean }> {
  const { id, rule } = input;
  const clash = await db.alertRule.findUnique({ where: { name: rule.name }, select: { id: true } });
  if (clash && clash.id !== id) throw new AppError('CONFLICT', `A rule named "${rule.name}" exists already`);
  let before: TAlertRuleInput | null = null;
  let saved;
  if (id) {
    const old = await db.alertRule.findUnique({ where: { id } });
    if (!old) throw new AppError('NOT_FOUND', 'No such alert rule');
    before = { name: old.name, metric: old.metric as MetricName, comparator: old.comparator as 'above' | 'below', threshold: old.threshold, forSeconds: old.forSeconds, severity: old.severity as 'warning' | 'critical', enabled: old.enabled };
    saved = await db.alertRule.update({ where: { id }, data: { ...rule, updatedAt: new Date() }, include: { events: { orderBy: { at: 'desc' }, take: 1, select: { state: true, at: true } } } });
  } else {
    saved = await db.alertRule.create({ data: rule, include: { events: { orderBy: { at: 'desc' }, take: 1, select: { state: true, at: true } } } });
  }
  const audited = await recordAudit(db, actor, {
    action: id ? 'alert_rule.update' : 'alert_rule.create',
    target: `alert_rule:${saved.id}`,
    details: { before, after: rule },
  });
  return { rule: ruleView(saved), audited };
}

export async function deleteAlertRule(db: Db, actor: Actor, id: string): Promise<{ audited: boolean }> {
  const old = await db.alertRule.findUnique({ where: { id } });
  if (!old) throw new AppError('NOT_FOUND', 'No such alert rule');
  await db.alertRule.delete({ where: { id } });
  const audited = await recordAudit(db, actor, { action: 'alert_rule.delete', target: `alert_rule:${id}`, details: { name: old.name, metric: old.metric } });
  return { audited };
}

export const METRIC_CHOICES = METRIC_NAMES.map((name) => ({ name, label: METRIC_QUERIES[name].label, unit: METRIC_QUERIES[name].unit, about: METRIC_QUERIES[name].about }));
