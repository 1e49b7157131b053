// The console's monitoring procedures through createCaller with a real context:
// admins only; rules are created, edited and deleted with an audit row each and clear
// errors for bad input; events list newest first; the overview has live points.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { makeStation, makeUser } from '../helpers/fixtures';
import { browser, signedIn } from '../helpers/trpc-browser';

let admin: Awaited<ReturnType<typeof browser>>;
let officer: Awaited<ReturnType<typeof browser>>;
let adminId: string;
beforeAll(async () => {
  const station = await makeStation(db);
  const a = await makeUser(db, { role: 'admin', stationId: null });
  const o = await makeUser(db, { role: 'officer', stationId: station.id });
  adminId = a.id;
  admin = await signedIn(a.email);
  officer = await signedIn(o.email);
});

const rule = (name: string) => ({ name, metric: 'breakers_open' as const, comparator: 'above' as const, threshold: 0, forSeconds: 0, severity: 'critical' as const, enabled: true });

describe('monitor router', () => {
  it('is for admins only', async () => {
    await expect(officer.monitor.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(officer.monitor.alerts.save({ id: null, rule: rule(`x ${randomUUID()}`) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates, edits and deletes a rule, each audit-logged, and refuses bad input with a reason', async () => {
    const name = `obs test ${randomUUID()}`;
    const created = await admin.monitor.alerts.save({ id: null, rule: rule(name) });
    expect(created).toMatchObject({ audited: true, rule: { name, metric: 'breakers_open', firing: false, lastEventAt: null } });
    const { rules, metrics } = await admin.monitor.alerts.rules();
    expect(rules.find((r) => r.id === created.rule.id)).toBeDefined();
    expect(metrics.map((m) => m.name)).toContain('replica_lag_seconds');
    // The seeded defaults are there: the thresholds.
    expect(rules.find((r) => r.metric === 'replica_lag_seconds')).toMatchObject({ comparator: 'above', threshold: 5 });
    expect(rules.find((r) => r.metric === 'cache_hit_ratio')).toMatchObject({ comparator: 'below', threshold: 0.8 });

    const edited = await admin.monitor.alerts.save({ id: created.rule.id, rule: { ...rule(name), threshold: 2, enabled: false } });
    expect(edited.rule).toMatchObject({ threshold: 2, enabled: false });

    await expect(admin.monitor.alerts.save({ id: null, rule: rule(name) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(name) });
    await expect(admin.monitor.alerts.save({ id: null, rule: { ...rule(`y ${randomUUID()}`), metric: 'no_such_metric' as never } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.monitor.alerts.save({ id: null, rule: { ...rule(`y ${randomUUID()}`), forSeconds: -1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.monitor.alerts.save({ id: randomUUID(), rule: rule(`z ${randomUUID()}`) })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await db.alertEvent.create({ data: { ruleId: created.rule.id, state: 'firing', metric: 'breakers_open', value: 1, threshold: 0, message: `${name}: fired` } });
    const events = await admin.monitor.alerts.events({ ruleId: created.rule.id, limit: 10 });
    expect(events).toMatchObject([{ state: 'firing', ruleName: name, value: 1, threshold: 0, message: `${name}: fired` }]);

    await admin.monitor.alerts.delete({ id: created.rule.id });
    expect(await db.alertRule.findUnique({ where: { id: created.rule.id } })).toBeNull();
    expect(await db.alertEvent.count({ where: { ruleId: created.rule.id } })).toBe(0);
    const audit = await db.auditLog.findMany({ where: { actorUserId: adminId, target: `alert_rule:${created.rule.id}` }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['alert_rule.create', 'alert_rule.update', 'alert_rule.delete']);
  });

  it('answers the overview with points of this process, including replica lag and firing alerts', async () => {
    const o = await admin.monitor.overview();
    expect(o.stepMs).toBe(5000);
    expect(o.points.length).toBeGreaterThanOrEqual(1);
    const last = o.points.at(-1)!;
    expect(last.values.replica_lag_seconds).toBeGreaterThanOrEqual(0);
    expect(last.values.active_alerts).toBeGreaterThanOrEqual(0);
    expect(last.values.breakers_open).toBeGreaterThanOrEqual(0);
    // Tests run without a worker metrics endpoint (vitest.config.ts): no data, not zero.
    // With a worker, tests/int/jobs-worker.int.test.ts.
    expect(o.workerScraped).toBeNull();
    expect(last.values.queue_depth).toBeNull();
    expect(Array.isArray(o.active)).toBe(true);
  });
});
