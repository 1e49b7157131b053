// Traces end to end: the API in its own process with tracing loaded first, exporting to
// a real OTLP/HTTP receiver on a local port. One REST request (API key lookup, FIR
// lookup) must arrive as one trace — the HTTP server span, Prisma's and pg's spans
// under it — and the request's log lines must carry that trace's id.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey, makeStation } from './rest-api-fixtures';

type Span = { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: { key: string; value: Record<string, unknown> }[] };
const spans: Span[] = [];
let receiver: http.Server;
let child: ChildProcess;
const logLines: Record<string, unknown>[] = [];
let port = 0;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        const doc = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] };
        for (const rs of doc.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  child = spawn(process.execPath, ['--import', 'tsx', '--import', './server/observability/tracing.ts', 'tests/helpers/traced-api.ts'], {
    // eslint-disable-next-line no-restricted-properties -- the child gets this test's environment plus tracing
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, LOG_LEVEL: 'debug', OTEL_BSP_SCHEDULE_DELAY: '200' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  child.stdout!.on('data', (c: Buffer) => {
    buffered += c.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) if (l.startsWith('{')) logLines.push(JSON.parse(l) as Record<string, unknown>);
  });
  const deadline = Date.now() + 60_000;
  while (!port && Date.now() < deadline) {
    port = Number(logLines.find((l) => l.message === 'traced api listening')?.port ?? 0);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!port) throw new Error('the traced API did not start');
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function until<T>(what: string, f: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tracing', () => {
  it('exports one trace per request with HTTP, Prisma and pg spans, and puts its trace id on the request log lines', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const requestId = `trace-${randomUUID()}`;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/firs/${randomUUID()}`, { headers: { authorization: `Bearer ${key}`, 'x-request-id': requestId } });
    expect(res.status).toBe(404);

    const access = await until('the access log line', () => logLines.find((l) => l.correlation_id === requestId && l.message === 'request completed'));
    const traceId = access.trace_id as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const statements = logLines.filter((l) => l.correlation_id === requestId && l.message === 'sql statement');
    expect(statements.length).toBeGreaterThan(0);
    for (const l of statements) expect(l.trace_id).toBe(traceId);

    const mine = await until('the spans', () => {
      const s = spans.filter((x) => x.traceId.toLowerCase() === traceId);
      // Spans arrive in batches: wait for the server span (it ends last) and every parent.
      const ids = new Set(s.map((x) => x.spanId));
      const complete = s.some((x) => !x.parentSpanId) && s.every((x) => !x.parentSpanId || ids.has(x.parentSpanId));
      return complete && s.some((x) => x.name.startsWith('pg.query')) && s.some((x) => x.name.startsWith('prisma')) ? s : undefined;
    });
    const root = mine.find((s) => !s.parentSpanId);
    expect(root?.name).toBe('GET /api/v1/firs/:id'); // named by route template, never the raw path
    // Every other span of the trace hangs under the request's.
    const ids = new Set(mine.map((s) => s.spanId));
    for (const s of mine) if (s !== root) expect(ids.has(s.parentSpanId!)).toBe(true);
    // A caller's traceparent is continued: same trace id, our span under theirs.
    const callerTrace = randomUUID().replace(/-/g, '');
    const callerSpan = randomUUID().replace(/-/g, '').slice(0, 16);
    await fetch(`http://127.0.0.1:${port}/api/v1/firs/${randomUUID()}`, { headers: { authorization: `Bearer ${key}`, traceparent: `00-${callerTrace}-${callerSpan}-01` } });
    const continued = await until('the continued trace', () => spans.find((x) => x.traceId.toLowerCase() === callerTrace && x.parentSpanId?.toLowerCase() === callerSpan));
    expect(continued.name).toBe('GET /api/v1/firs/:id');
    // Scrapes are not traced.
    await fetch(`http://127.0.0.1:${port}/api/metrics`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(spans.some((s) => s.attributes?.some((a) => String(Object.values(a.value)[0]).includes('/api/metrics')))).toBe(false);
  });
});
