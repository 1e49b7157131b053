// The /api fast path over real HTTP: health of every node, metrics with route
// templates, request ids, the error envelope, and tRPC through HTTP.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '@/server/http';
import { topology } from '@/server/env';

let server: http.Server;
let close: () => Promise<void>;
let base: string;

beforeAll(async () => {
  const built = await createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('next would answer this');
  });
  server = built.server;
  close = () => built.app.close();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await close();
});

describe('API fast path', () => {
  it('reports every node of the topology as up with latency', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.nodes).toHaveLength(1 + topology.replicaUrls.length);
    expect(body.nodes[0]).toMatchObject({ name: 'primary', up: true, role: 'primary' });
    for (const n of body.nodes.slice(1)) expect(n).toMatchObject({ up: true, role: 'replica' });
    for (const n of body.nodes) expect(n.latencyMs).toBeGreaterThanOrEqual(0);
    expect(body.redis).toMatchObject({ name: 'redis', up: true });
    // Credentials never leave the server.
    expect(JSON.stringify(body)).not.toMatch(/postgresql:\/\//);
  });

  it('hands non-API paths to the page handler', async () => {
    const res = await fetch(`${base}/some/page`);
    expect(await res.text()).toBe('next would answer this');
  });

  it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
    const mine = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const bad = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'no spaces allowed' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with the error envelope', async () => {
    const res = await fetch(`${base}/api/nope`, { headers: { 'x-request-id': 'req-404' } });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', correlation_id: 'req-404', details: null });
    expect(new Date(body.error.timestamp).toString()).not.toBe('Invalid Date');
  });

  it('serves tRPC over HTTP, refuses it without a session, and rejects malformed JSON with 400', async () => {
    const anonymous = await fetch(`${base}/api/trpc/fir.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${base}/api/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json": {',
    });
    expect(bad.status).toBe(400);
  });

  it('exports request metrics labelled by route template', async () => {
    await fetch(`${base}/api/health`);
    const res = await fetch(`${base}/api/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/api\/health",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/http_request_duration_seconds_count\{route="unmatched",method="GET",status="404"\}/);
    expect(text).toContain('process_cpu_seconds_total');
    // Raw paths never become labels.
    expect(text).not.toContain('route="/api/nope"');
  });
});
