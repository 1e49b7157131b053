// The cache and response optimisation over real HTTP: two app instances (this process
// and a child process, each with its own L1 and Redis connections) see each other's
// writes within one pub/sub round trip; compression over 1 KB (property 12); ETag and
// 304; Cache-Control on cacheable GETs (property 16).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { redisClient } from '../helpers/cache';
import { startSecondInstance, type Instance } from '../helpers/second-instance';
import { call, draftBody, makeKey, makeStation, startApi, type Api } from './rest-api-fixtures';

let a: Api;
let b: Instance;
beforeAll(async () => {
  [a, b] = await Promise.all([startApi(), startSecondInstance()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db.$disconnect();
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Waits one pub/sub round trip: a message published now has come back through Redis. */
async function onePubSubRoundTrip(): Promise<void> {
  const pub = redisClient();
  const sub = redisClient();
  try {
    await new Promise<void>((r) => (sub.status === 'ready' ? r() : sub.once('ready', () => r())));
    await new Promise<void>((r) => (pub.status === 'ready' ? r() : pub.once('ready', () => r())));
    const channel = `afg:test:rtt:${randomUUID()}`;
    await sub.subscribe(channel);
    const back = new Promise<void>((r) => sub.once('message', () => r()));
    await pub.publish(channel, 'x');
    await back;
  } finally {
    pub.disconnect();
    sub.disconnect();
  }
}

async function firOf(base: string, key: string, id: string) {
  const res = await call(base, 'GET', `/api/v1/firs/${id}`, { key });
  expect(res.status).toBe(200);
  return res.body;
}

describe('two instances', () => {
  it('a FIR updated through one instance is read updated through the other within one pub/sub round trip', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    for (let i = 0; i < 5; i++) {
      const created = await call(a.base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }] }) });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      // B caches it (twice: the second read is an L1 hit in B).
      expect((await firOf(b.base, key, id)).status).toBe('draft');
      expect((await firOf(b.base, key, id)).status).toBe('draft');
      // The write goes through A...
      expect((await call(a.base, 'POST', `/api/v1/firs/${id}/register`, { key })).status).toBe(200);
      await onePubSubRoundTrip();
      // ...and B, whose L1 held the draft, answers with the registered FIR.
      const seen = await firOf(b.base, key, id);
      expect(seen.status).toBe('registered');
      expect(seen.number).toMatch(/^\d+\/\d{4}$/);
    }
    const metrics = await (await fetch(`${b.base}/api/metrics`)).text();
    expect(metrics).toMatch(/cache_requests_total\{namespace="fir",level="l1",result="hit"\} [1-9]/);
    expect(metrics).toMatch(/cache_invalidations_total\{kind="key",origin="pubsub"\} [1-9]/);
  });
});

describe('HTTP response optimisation', () => {
  let key: string;
  let firId: string;
  beforeAll(async () => {
    const station = await makeStation();
    key = (await makeKey(station.id)).key;
    const created = await call(a.base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }, { section: '115(2)' }] }) });
    firId = created.body.id as string;
  });

  // Property 12 (backend-optimization): compression for large responses
  it('bodies over 1 KB are compressed (gzip or brotli, as asked), smaller ones are not, and decode to the same JSON', async () => {
    const fieldsList = ['id', 'id,status,narrative', 'id,sections,events', ''];
    const seen = { large: 0, small: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fieldsList), fc.constantFrom('gzip', 'br', 'gzip, br'), async (fields, enc) => {
        const url = `${a.base}/api/v1/firs/${firId}${fields ? `?fields=${fields}` : ''}`;
        const plain = await rawGet(url, { authorization: `Bearer ${key}`, 'accept-encoding': 'identity' });
        const packed = await rawGet(url, { authorization: `Bearer ${key}`, 'accept-encoding': enc });
        expect(plain.headers['content-encoding']).toBeUndefined();
        seen[plain.body.length > 1024 ? 'large' : 'small']++;
        if (plain.body.length > 1024) {
          expect(enc.split(', ')).toContain(packed.headers['content-encoding']);
          const zlib = await import('node:zlib');
          const decoded = packed.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(packed.body) : zlib.gunzipSync(packed.body);
          expect(JSON.parse(decoded.toString())).toEqual(JSON.parse(plain.body.toString()));
          expect(packed.body.length).toBeLessThan(plain.body.length);
        } else {
          expect(packed.headers['content-encoding']).toBeUndefined();
        }
      }),
      { numRuns: 24 },
    );
    expect(seen.large).toBeGreaterThan(0); // both sides of the threshold were tried
    expect(seen.small).toBeGreaterThan(0);
  });

  // Property 16 (backend-optimization): cache headers for cacheable responses
  it('cacheable GETs carry Cache-Control (private) and an ETag; a matching If-None-Match gets 304 and no body', async () => {
    const fir = await rawGet(`${a.base}/api/v1/firs/${firId}`, { authorization: `Bearer ${key}` });
    expect(fir.headers['cache-control']).toBe('private, no-cache');
    const etag = fir.headers.etag!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await rawGet(`${a.base}/api/v1/firs/${firId}`, { authorization: `Bearer ${key}`, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const sections = await rawGet(`${a.base}/api/v1/sections?q=theft`, { authorization: `Bearer ${key}` });
    expect(sections.headers['cache-control']).toBe('private, max-age=3600');
    expect(sections.headers.etag).toBeDefined();
    // After a write the ETag changes, so the stale copy is not confirmed.
    await call(a.base, 'POST', `/api/v1/firs/${firId}/register`, { key });
    const changed = await rawGet(`${a.base}/api/v1/firs/${firId}`, { authorization: `Bearer ${key}`, 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    // Errors and lists are not cacheable.
    const missing = await rawGet(`${a.base}/api/v1/firs/${randomUUID()}`, { authorization: `Bearer ${key}` });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
  });
});
