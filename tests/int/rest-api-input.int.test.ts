// Bad input to the public REST API over real HTTP: every refusal is a 4xx with the
// error envelope (details listing the issues) and writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { errorResponse } from '@/server/http/v1/errors';
import { call, draftBody, firCount, makeKey, makeStation, startApi, type Api, type Res, type Station } from './rest-api-fixtures';

let api: Api;
let base: string;
let station: Station;
let key: string;

beforeAll(async () => {
  api = await startApi();
  base = api.base;
  station = await makeStation();
  key = (await makeKey(station.id)).key;
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

function expectRefused(res: Res, status: number, code = 'BAD_REQUEST') {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject({ code, correlation_id: res.headers.get('x-request-id') });
  expect(res.body).not.toHaveProperty('data');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

/** Runs a refused create and checks that the station has no more FIRs afterwards. */
async function refusedCreate(send: () => Promise<Res>, status: number, code = 'BAD_REQUEST'): Promise<Res> {
  const before = await firCount(station.id);
  const res = await send();
  expectRefused(res, status, code);
  expect(await firCount(station.id)).toBe(before);
  return res;
}

describe('create: refused bodies write nothing', () => {
  it('malformed JSON → 400', async () => {
    const res = await refusedCreate(() => call(base, 'POST', '/api/v1/firs', { key, raw: '{"complainant_name": "A", "narrative": ' }), 400);
    expect(res.body.error.message).toMatch(/malformed json/i);
  });

  it('a JSON array, string or nothing instead of an object → 400', async () => {
    for (const raw of ['[]', '"a string"', '', 'null']) {
      await refusedCreate(() => call(base, 'POST', '/api/v1/firs', { key, raw }), 400);
    }
  });

  it('wrong types → 400 listing each field', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: { complainant_name: 42, narrative: ['not', 'text'], place_distance_km: '3 km' } }),
      400,
    );
    const issues: { in: string; path: string; code: string }[] = res.body.error.details.issues;
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(['complainant_name', 'narrative', 'place_distance_km']);
    for (const path of ['complainant_name', 'narrative', 'place_distance_km']) {
      expect(issues).toContainEqual(expect.objectContaining({ in: 'body', path, code: 'invalid_type', message: expect.any(String) }));
    }
  });

  it('unknown fields (including camelCase spellings) → 400 naming them', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ status: 'registered', complainantName: 'x', fir_number: '0001/2026' }) }),
      400,
    );
    expect(res.body.error.details.issues).toContainEqual(
      expect.objectContaining({ in: 'body', code: 'unrecognized_keys', keys: ['status', 'complainantName', 'fir_number'] }),
    );
  });

  it('nested errors are reported with their snake_case path', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }, { section: 'DROP TABLE' }], properties: [{ description: 'phone', value: -5 }] }) }),
      400,
    );
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['properties[0].value', 'sections[1].section']);
  });

  it('an oversized body → 413', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ narrative: 'x'.repeat(70 * 1024) }) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(res.body.error.details).toEqual({ limit_bytes: 65536 });
  });

  it('a body that is not JSON → 415', async () => {
    await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, raw: 'complainant_name=A&narrative=B', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, raw: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('an unknown BNS section → 400 naming it', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }, { section: '999' }, { section: '998(3)' }] }) }),
      400,
    );
    expect(res.body.error.message).toContain('999, 998(3)');
    expect(res.body.error.details).toEqual({ unknown_sections: ['999', '998(3)'] });
  });

  it('occurrence dates out of order → 400 on occurred_to', async () => {
    const res = await refusedCreate(
      () => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ occurred_from: '2026-02-02T10:00:00Z', occurred_to: '2026-02-01T10:00:00Z' }) }),
      400,
    );
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'occurred_to' });
  });

  it("another station's id → 403", async () => {
    const other = await makeStation();
    await refusedCreate(() => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ station_id: other.id }) }), 403, 'FORBIDDEN');
  });

  it('a narrative too short → 400', async () => {
    await refusedCreate(() => call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ narrative: 'short' }) }), 400);
  });
});

describe('query and path parameters', () => {
  it.each([
    ['page_size=0', 'page_size'],
    ['page_size=101', 'page_size'],
    ['page_size=abc', 'page_size'],
    ['page_size=2.5', 'page_size'],
    ['status=lost', 'status'],
    ['from=2026-13-01', 'from'],
    ['from=yesterday', 'from'],
    ['station_id=-1', 'station_id'],
  ])('%s → 400 on %s', async (qs, path) => {
    const res = await call(base, 'GET', `/api/v1/firs?${qs}`, { key });
    expectRefused(res, 400);
    expect(res.body.error.details.issues[0]).toMatchObject({ in: 'query', path });
  });

  it('unknown query parameters → 400 naming them', async () => {
    const res = await call(base, 'GET', '/api/v1/firs?page_size=5&limit=5&sort=asc', { key });
    expectRefused(res, 400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ in: 'query', code: 'unrecognized_keys', keys: ['limit', 'sort'] })]);
  });

  it('a repeated parameter → 400', async () => {
    expectRefused(await call(base, 'GET', '/api/v1/firs?status=draft&status=registered', { key }), 400);
  });

  it('dates out of order → 400', async () => {
    const res = await call(base, 'GET', '/api/v1/firs?from=2026-03-02&to=2026-03-01', { key });
    expectRefused(res, 400);
    expect(res.body.error.details.issues[0]).toMatchObject({ in: 'query', path: 'to' });
  });

  it('an invalid cursor → 400', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('["2026-01-01", "nope"]').toString('base64url'), 'x'.repeat(201)]) {
      const res = await call(base, 'GET', `/api/v1/firs?cursor=${encodeURIComponent(cursor)}`, { key });
      expectRefused(res, 400);
      expect(res.body.error.message).toMatch(/cursor/);
    }
  });

  it('an empty or unknown fields= → 400', async () => {
    expectRefused(await call(base, 'GET', '/api/v1/firs?fields=', { key }), 400);
    expectRefused(await call(base, 'GET', `/api/v1/firs/${randomUUID()}?fields=narrative,events,nope`, { key }), 400);
  });

  it('a non-UUID id → 400, not 404', async () => {
    for (const id of ['123', 'not-a-uuid', "1' OR '1'='1"]) {
      const res = await call(base, 'GET', `/api/v1/firs/${encodeURIComponent(id)}`, { key });
      expectRefused(res, 400);
      expect(res.body.error.details.issues[0]).toMatchObject({ in: 'params', path: 'id' });
    }
    expectRefused(await call(base, 'POST', '/api/v1/firs/123/register', { key }), 400);
  });

  it('a body on register → 400 unless empty', async () => {
    const created = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }] }) });
    const res = await call(base, 'POST', `/api/v1/firs/${created.body.id}/register`, { key, json: { number: '0001/2026' } });
    expectRefused(res, 400);
    expect((await db.fir.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe('draft');
    // An empty JSON body is no body.
    const ok = await call(base, 'POST', `/api/v1/firs/${created.body.id}/register`, { key, raw: '' });
    expect(ok.status).toBe(200);
  });
});

describe('internal errors', () => {
  // No fault to inject over HTTP here, so the one mapping every route uses is checked directly.
  it('hide their message and details behind the correlation id', () => {
    const { status, body } = errorResponse(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), { details: 'x' }), 'rid-500');
    expect(status).toBe(500);
    expect(body.error).toMatchObject({ code: 'INTERNAL', correlation_id: 'rid-500', details: null });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(body.error.message).toContain('rid-500');
  });
});
