// Metrics and logs of real requests over real HTTP, against the real stack: every
// request counted under its route template, method and status; every request its own
// correlation id, on every log line it causes (the access line and its SQL statements);
// SQL statements counted by node and kind, with errors.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { logger, registry } from '@/server/observability';
import { redirectLogs } from '@/server/observability/logger';
import { makeKey, makeStation, startApi, type Api } from './rest-api-fixtures';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

type Counts = Map<string, number>;
async function histogramCounts(name: string, labels: string[]): Promise<Counts> {
  const metric = registry.getSingleMetric(name);
  const out: Counts = new Map();
  if (!metric) return out;
  for (const v of (await metric.get()).values) {
    if (!('metricName' in v) || v.metricName !== `${name}_count`) continue;
    out.set(labels.map((l) => String(v.labels[l])).join(' '), v.value);
  }
  return out;
}
const delta = (before: Counts, after: Counts, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

type Shape = { route: string; method: 'GET' | 'POST'; path: (id: string) => string; key: boolean; body?: string };
const SHAPES: Shape[] = [
  { route: '/api/health', method: 'GET', path: () => '/api/health', key: false },
  { route: '/api/v1/firs/:id', method: 'GET', path: (id) => `/api/v1/firs/${id}`, key: true },
  { route: '/api/v1/firs/:id', method: 'GET', path: (id) => `/api/v1/firs/${id}`, key: false },
  { route: '/api/v1/firs', method: 'GET', path: (id) => `/api/v1/firs?q=${id}`, key: true },
  { route: '/api/v1/firs', method: 'POST', path: () => '/api/v1/firs', key: true, body: '{"narrative":' },
  { route: 'unmatched', method: 'GET', path: (id) => `/api/nothing/${id}`, key: false },
];

describe('correlation ids', () => {
  // Property 31 (backend-optimization): every incoming request gets a correlation id
  // different from every other concurrent request's.
  // Property 32 (backend-optimization): every log entry made while handling a request
  // carries that request's correlation id (its access line and its SQL statements).
  it('are unique per concurrent request and on every line each request logs', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const lines: Record<string, unknown>[] = [];
    const restore = redirectLogs({ write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
    const level = logger.level;
    logger.level = 'debug';
    let responses: { id: string; keyed: boolean }[];
    try {
      responses = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const keyed = i % 2 === 0;
          const res = await fetch(`${api.base}/api/v1/firs/${randomUUID()}`, { headers: keyed ? { authorization: `Bearer ${key}` } : {} });
          await res.arrayBuffer();
          return { id: res.headers.get('x-request-id')!, keyed };
        }),
      );
    } finally {
      logger.level = level;
      restore();
    }
    const ids = responses.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    // (This test runs first in the file: no earlier request's late work can log here.)
    // Every access line and statement line of this window belongs to one of the requests.
    const requestLines = lines.filter((l) => l.message === 'request completed' || l.message === 'sql statement');
    for (const l of requestLines) expect(known.has(l.correlation_id as string), JSON.stringify(l)).toBe(true);
    for (const r of responses) {
      const mine = requestLines.filter((l) => l.correlation_id === r.id);
      expect(mine.filter((l) => l.message === 'request completed')).toHaveLength(1);
      expect(mine.find((l) => l.message === 'request completed')).toMatchObject({ endpoint: '/api/v1/firs/:id', method: 'GET', status: r.keyed ? 404 : 401 });
    }
    // Keyed requests look their FIR up (each its own statement: the FIR detail is read with
    // findFirst, which Prisma never batches across callers, unlike findUnique); unkeyed
    // ones are refused before any SQL.
    const keyedIds = new Set(responses.filter((r) => r.keyed).map((r) => r.id));
    const statements = requestLines.filter((l) => l.message === 'sql statement');
    for (const id of keyedIds) expect(statements.filter((l) => l.correlation_id === id).length, id).toBeGreaterThanOrEqual(1);
    for (const l of statements) expect(keyedIds.has(l.correlation_id as string), JSON.stringify(l)).toBe(true);
  });
});

describe('request metrics', () => {
  // Property 21 (backend-optimization): every API request is recorded with its endpoint,
  // method, status code and response time — endpoints as route templates, never raw ids.
  it('count every request under its route template, method and status', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...SHAPES), fc.uuid()), { minLength: 1, maxLength: 6 }), async (batch) => {
        const before = await histogramCounts('http_request_duration_seconds', ['route', 'method', 'status']);
        const sent = new Map<string, number>();
        const ids: string[] = [];
        await Promise.all(
          batch.map(async ([shape, id]) => {
            ids.push(id);
            const headers: Record<string, string> = shape.body ? { 'content-type': 'application/json' } : {};
            if (shape.key) headers.authorization = `Bearer ${key}`;
            const res = await fetch(`${api.base}${shape.path(id)}`, { method: shape.method, headers, body: shape.body });
            await res.arrayBuffer();
            const k = `${shape.route} ${shape.method} ${res.status}`;
            sent.set(k, (sent.get(k) ?? 0) + 1);
          }),
        );
        const after = await histogramCounts('http_request_duration_seconds', ['route', 'method', 'status']);
        for (const [k, n] of sent) expect(delta(before, after, k), k).toBe(n);
        // Nothing else was counted, and no raw id became a label value.
        const total = [...after.keys()].reduce((s, k) => s + delta(before, after, k), 0);
        expect(total).toBe(batch.length);
        const exposition = await registry.metrics();
        for (const id of ids) expect(exposition).not.toContain(id);
      }),
      { numRuns: 12 },
    );
  });
});

describe('statement metrics', () => {
  // Property 38 (db-cache-infrastructure): every statement's latency, throughput and errors are exposed.
  it('count statements by node and kind, and their errors', async () => {
    const labels = ['node', 'kind'];
    const before = await histogramCounts('db_statement_duration_seconds', labels);
    const errorsBefore = await errorCounts();
    await db.$queryRawUnsafe('SELECT 1');
    await db.$queryRawUnsafe('/* leading comment */ select 2');
    await expect(db.$queryRawUnsafe('DELETE FROM no_such_table_obs')).rejects.toThrow();
    const after = await histogramCounts('db_statement_duration_seconds', labels);
    expect(delta(before, after, 'primary select')).toBeGreaterThanOrEqual(2);
    expect(delta(before, after, 'primary delete')).toBeGreaterThanOrEqual(1);
    const errorsAfter = await errorCounts();
    expect((errorsAfter.get('primary delete') ?? 0) - (errorsBefore.get('primary delete') ?? 0)).toBeGreaterThanOrEqual(1);
    const text = await registry.metrics();
    expect(text).toMatch(/db_statement_duration_seconds_bucket\{le="[0-9.]+",node="primary",kind="select"\}/);
    for (const m of ['system_cpu_usage_ratio', 'system_memory_bytes{state="total"}', 'nodejs_eventloop_lag_seconds', 'process_cpu_seconds_total']) {
      expect(text).toContain(m);
    }
  });
});

async function errorCounts(): Promise<Counts> {
  const out: Counts = new Map();
  const metric = registry.getSingleMetric('db_statement_errors_total');
  for (const v of (await metric!.get()).values) out.set(`${v.labels.node} ${v.labels.kind}`, v.value);
  return out;
}
