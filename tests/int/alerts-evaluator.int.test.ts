// The alert evaluator against real parts: it scrapes a real /metrics endpoint (a
// prom-client registry served over HTTP, standing in for an app process whose numbers
// the test sets), reads replication lag from the real primary, stores events in the
// test database and posts them to a real HTTP receiver. Each test makes its own rules
// (unique names) and evaluates only those, so the seeded default rules and parallel
// tests are untouched.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import client from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertEvaluator, type WebhookPayload } from '@/server/alerts';
import { db } from '@/server/data';

type Server = { url: string; close: () => Promise<void> };
async function serve(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// The "app": a registry the test sets, served like /api/metrics.
const registry = new client.Registry();
const pool = new client.Gauge({ name: 'db_pool_utilization_ratio', help: 'h', labelNames: ['node'], registers: [registry] });
const requests = new client.Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['route', 'method', 'status'], buckets: [0.01, 0.1, 1], registers: [registry] });
let app: Server;
let appDown = false;
// The webhook receiver, up or refusing as a test wants.
const received: WebhookPayload[] = [];
let receiverUp = true;
let receiver: Server;

beforeAll(async () => {
  app = await serve(async (_req, res) => {
    if (appDown) return void res.writeHead(503).end();
    res.setHeader('content-type', registry.contentType);
    res.end(await registry.metrics());
  });
  receiver = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!receiverUp) {
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body) as WebhookPayload);
      res.writeHead(204).end();
    });
  });
});
const made: string[] = [];
afterAll(async () => {
  // The rules (and, by cascade, their events) go: left firing, they would show on the console of anyone using this database.
  await db.alertRule.deleteMany({ where: { id: { in: made } } });
  await Promise.all([app.close(), receiver.close()]);
});

async function makeRule(metric: string, comparator: 'above' | 'below', threshold: number, forSeconds = 0) {
  const rule = await db.alertRule.create({ data: { name: `test ${metric} ${randomUUID()}`, metric, comparator, threshold, forSeconds, severity: 'warning' } });
  made.push(rule.id);
  return rule;
}
const eventsOf = (ruleId: string) => db.alertEvent.findMany({ where: { ruleId }, orderBy: { id: 'asc' } });

describe('alert evaluator', () => {
  // Property 24 (backend-optimization): a metric past its threshold emits an alert with the
  // metric name, the current value and the threshold.
  // Property 40 (db-cache-infrastructure): a critical threshold breach alerts administrators
  // (stored, shown on the console, posted to the webhook) — and resolves once it is back.
  it('fires when the metric crosses the threshold and resolves after, for any sequence of readings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('above', 'below') as fc.Arbitrary<'above' | 'below'>,
        fc.integer({ min: 10, max: 90 }).map((n) => n / 100),
        fc.array(fc.integer({ min: 0, max: 100 }).map((n) => n / 100), { minLength: 1, maxLength: 6 }),
        async (comparator, threshold, readings) => {
          const rule = await makeRule('db_pool_utilization_ratio', comparator, threshold);
          const node = `n-${rule.id.slice(0, 8)}`;
          const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 3_600_000, runAtStart: false, webhookUrl: `${receiver.url}/hook` });
          try {
            pool.reset();
            let firing = false;
            const expected: { state: string; value: number }[] = [];
            for (const v of readings) {
              pool.set({ node }, v);
              const report = await evaluator.evaluateNow();
              const breach = comparator === 'above' ? v > threshold : v < threshold;
              const [r] = report.rules;
              expect(r).toMatchObject({ ruleId: rule.id, value: v, firing: breach });
              if (breach !== firing) expected.push({ state: breach ? 'firing' : 'resolved', value: v });
              expect(r!.transition).toBe(breach !== firing ? (breach ? 'firing' : 'resolved') : null);
              firing = breach;
            }
            const events = await eventsOf(rule.id);
            expect(events.map((e) => ({ state: e.state, value: e.value }))).toEqual(expected);
            for (const e of events) {
              expect(e).toMatchObject({ metric: 'db_pool_utilization_ratio', threshold });
              expect(e.message).toContain(rule.name);
              expect(e.notifiedAt).not.toBeNull();
            }
            const posted = received.filter((p) => p.rule.id === rule.id);
            expect(posted.map((p) => [p.state, p.value, p.threshold, p.metric])).toEqual(expected.map((x) => [x.state, x.value, threshold, 'db_pool_utilization_ratio']));
          } finally {
            await evaluator.stop();
            pool.reset();
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('computes the error rate over the window from scraped counters, and never fires on no data', async () => {
    const rule = await makeRule('http_error_ratio', 'above', 0.05);
    const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 3_600_000, runAtStart: false, windowMs: 10, webhookUrl: null });
    try {
      for (let i = 0; i < 10; i++) requests.observe({ route: '/api/x', method: 'GET', status: '200' }, 0.005);
      // The first scrape has nothing to compare with: no data, no alert.
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ value: null, firing: false });
      await new Promise((r) => setTimeout(r, 20));
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ value: null, firing: false }); // no traffic in the window
      for (let i = 0; i < 3; i++) requests.observe({ route: '/api/x', method: 'GET', status: '500' }, 0.05);
      requests.observe({ route: '/api/x', method: 'GET', status: '200' }, 0.05);
      await new Promise((r) => setTimeout(r, 20));
      const fired = await evaluator.evaluateNow();
      expect(fired.rules[0]).toMatchObject({ value: 0.75, firing: true, transition: 'firing' });
      expect(fired.values.http_request_rate).toBeGreaterThan(0);
      expect(fired.values.http_latency_p95_seconds).toBeGreaterThan(0.01);
      for (let i = 0; i < 50; i++) requests.observe({ route: '/api/x', method: 'GET', status: '200' }, 0.005);
      await new Promise((r) => setTimeout(r, 20));
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ value: 0, firing: false, transition: 'resolved' });
      const events = await eventsOf(rule.id);
      expect(events.map((e) => e.state)).toEqual(['firing', 'resolved']);
      expect(events[0]!.message).toMatch(/API error rate \(5xx\) is 75\.0 %/);
      expect(events[0]!.notifiedAt).toBeNull(); // no webhook configured
    } finally {
      await evaluator.stop();
    }
  });

  it('reads replication lag from the primary', async () => {
    const rule = await makeRule('replica_lag_seconds', 'above', -1); // any real reading breaches
    const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 3_600_000, runAtStart: false, webhookUrl: null });
    try {
      const report = await evaluator.evaluateNow();
      expect(report.values.replica_lag_seconds).toBeGreaterThanOrEqual(0);
      expect(report.values.replica_lag_seconds).toBeLessThan(5);
      expect(report.rules[0]).toMatchObject({ firing: true, transition: 'firing' });
      // Disabling a firing rule resolves it.
      await db.alertRule.update({ where: { id: rule.id }, data: { enabled: false } });
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ firing: false, transition: 'resolved' });
    } finally {
      await evaluator.stop();
    }
  });

  it('keeps events the webhook refused and delivers them, in order, once it is back', async () => {
    const rule = await makeRule('db_pool_utilization_ratio', 'above', 0.5);
    const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 3_600_000, runAtStart: false, webhookUrl: `${receiver.url}/hook` });
    try {
      receiverUp = false;
      pool.set({ node: 'wh' }, 0.9);
      await evaluator.evaluateNow();
      pool.set({ node: 'wh' }, 0.1);
      await evaluator.evaluateNow();
      expect((await eventsOf(rule.id)).map((e) => e.notifiedAt)).toEqual([null, null]);
      receiverUp = true;
      await evaluator.evaluateNow();
      expect((await eventsOf(rule.id)).every((e) => e.notifiedAt !== null)).toBe(true);
      expect(received.filter((p) => p.rule.id === rule.id).map((p) => p.state)).toEqual(['firing', 'resolved']);
    } finally {
      receiverUp = true;
      pool.reset();
      await evaluator.stop();
    }
  });

  it('neither fires nor resolves while the metrics cannot be scraped', async () => {
    const rule = await makeRule('db_pool_utilization_ratio', 'above', 0.5);
    const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 3_600_000, runAtStart: false, webhookUrl: null });
    try {
      pool.set({ node: 'down' }, 0.9);
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ firing: true, transition: 'firing' });
      appDown = true;
      const blind = await evaluator.evaluateNow();
      expect(blind.failedScrapes).toHaveLength(1);
      expect(blind.rules[0]).toMatchObject({ value: null, firing: true, transition: null });
      appDown = false;
      pool.set({ node: 'down' }, 0.1);
      expect((await evaluator.evaluateNow()).rules[0]).toMatchObject({ firing: false, transition: 'resolved' });
      expect((await eventsOf(rule.id)).map((e) => e.state)).toEqual(['firing', 'resolved']);
    } finally {
      appDown = false;
      pool.reset();
      await evaluator.stop();
    }
  });

  it('stops: no evaluation runs after stop() resolves', async () => {
    const rule = await makeRule('db_pool_utilization_ratio', 'above', 0.5);
    pool.set({ node: 'stop' }, 0.9);
    const evaluator = startAlertEvaluator({ metricsUrls: [`${app.url}/metrics`], ruleIds: [rule.id], intervalMs: 50, webhookUrl: null });
    await new Promise((r) => setTimeout(r, 300));
    await evaluator.stop();
    const count = (await eventsOf(rule.id)).length;
    expect(count).toBe(1); // fired once, stayed firing
    pool.set({ node: 'stop' }, 0.1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await eventsOf(rule.id)).length).toBe(count);
    pool.reset();
  });
});
