// The public REST API /api/v1 over real HTTP against the real stack: API-key auth,
// station scoping, the create → get → register flow, cursor pagination, fields=,
// request ids and headers. Bad input: rest-api-input; the OpenAPI document: rest-api-openapi.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '@/server/auth';
import { db } from '@/server/data';
import { istYear } from '@/server/fir';
import { ZFirDetail, ZFirList } from '@/server/http/v1/fir-contracts';
import { ZSectionList } from '@/server/http/v1/section-contracts';
import { call, draftBody, makeKey, makeStation, startApi, testAdmin, type Api, type Station } from './rest-api-fixtures';

let api: Api;
let base: string;

beforeAll(async () => {
  api = await startApi();
  base = api.base;
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

function expectEnvelope(res: { body: any; headers: Headers }, code: string) {
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(Object.keys(res.body.error).sort()).toEqual(['code', 'correlation_id', 'details', 'message', 'timestamp']);
  expect(res.body.error).toMatchObject({ code, message: expect.any(String), correlation_id: res.headers.get('x-request-id') });
  expect(new Date(res.body.error.timestamp).toISOString()).toBe(res.body.error.timestamp);
}

describe('authentication', () => {
  let station: Station;
  beforeAll(async () => {
    station = await makeStation();
  });

  it('refuses a request without a key with 401 and the envelope', async () => {
    const res = await call(base, 'GET', '/api/v1/firs');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.body.error.correlation_id).toBe(res.headers.get('x-request-id'));
    expect(res.body).not.toHaveProperty('data');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses malformed, unknown and revoked keys alike', async () => {
    const { key, id } = await makeKey(station.id);
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const unknownPrefix = `afk_${'Z'.repeat(12)}_${key.split('_').slice(2).join('_')}`;
    for (const presented of ['nonsense', wrongSecret, unknownPrefix]) {
      const res = await call(base, 'GET', '/api/v1/firs', { key: presented });
      expect(res.status, presented).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    // A non-Bearer Authorization scheme is no key.
    expect((await call(base, 'GET', '/api/v1/firs', { headers: { authorization: `Basic ${key}` } })).status).toBe(401);

    expect((await call(base, 'GET', '/api/v1/firs', { key })).status).toBe(200);
    await revokeApiKey(db, await testAdmin(), id);
    const revoked = await call(base, 'GET', '/api/v1/firs', { key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHORIZED');
  });

  it('accepts the key in X-API-Key too', async () => {
    const { key } = await makeKey(station.id);
    const res = await call(base, 'GET', '/api/v1/firs', { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
  });

  it('authenticates before it looks at the body', async () => {
    const res = await call(base, 'POST', '/api/v1/firs', { raw: '{"narrative": ' });
    expect(res.status).toBe(401);
  });
});

describe('station scoping', () => {
  it("a station's key cannot see, list or register another station's FIR", async () => {
    const [a, b] = await Promise.all([makeStation(), makeStation()]);
    const [keyA, keyB, keyAll] = await Promise.all([makeKey(a.id), makeKey(b.id), makeKey(null)]);
    const created = await call(base, 'POST', '/api/v1/firs', { key: keyA.key, json: draftBody({ sections: [{ section: '303(2)' }] }) });
    expect(created.status).toBe(201);
    expect(created.body.station.id).toBe(a.id);
    const id = created.body.id as string;

    const other = await call(base, 'GET', `/api/v1/firs/${id}`, { key: keyB.key });
    expect(other.status).toBe(404);
    const missing = await call(base, 'GET', `/api/v1/firs/${randomUUID()}`, { key: keyB.key });
    expect(missing.status).toBe(404);
    // Not found and forbidden read the same: existence is never confirmed.
    expect(other.body.error.message).toBe(missing.body.error.message);
    expect((await call(base, 'POST', `/api/v1/firs/${id}/register`, { key: keyB.key })).status).toBe(404);

    const listB = await call(base, 'GET', '/api/v1/firs?page_size=100', { key: keyB.key });
    expect(listB.body.data.map((f: { id: string }) => f.id)).not.toContain(id);
    // Asking for another station explicitly does not widen the scope.
    const widen = await call(base, 'GET', `/api/v1/firs?station_id=${a.id}`, { key: keyB.key });
    expect(widen.status).toBe(200);
    expect(widen.body.data).toEqual([]);
    expect(widen.body.pagination.total_count).toBe(0);

    expect((await call(base, 'GET', `/api/v1/firs/${id}`, { key: keyA.key })).status).toBe(200);
    expect((await call(base, 'GET', `/api/v1/firs/${id}`, { key: keyAll.key })).status).toBe(200);
    const listAll = await call(base, 'GET', `/api/v1/firs?station_id=${a.id}`, { key: keyAll.key });
    expect(listAll.body.data.map((f: { id: string }) => f.id)).toEqual([id]);
  });

  it('an all-station key must name the station when it files', async () => {
    const station = await makeStation();
    const { key } = await makeKey(null);
    const without = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody() });
    expect(without.status).toBe(400);
    const withStation = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ station_id: station.id }) });
    expect(withStation.status).toBe(201);
    expect(withStation.body.station.id).toBe(station.id);
    expect(withStation.body.district).toBe(station.district);
  });
});

describe('create → get → register', () => {
  it('files a draft, reads it back at its Location and registers it with a number', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const body = draftBody({
      occurred_from: '2026-01-10T18:30:00+05:30',
      occurred_to: '2026-01-10T19:00:00+05:30',
      place_address: 'Outside Platform 1, City Railway Station',
      complainant_phone: '+91 98450 12345',
      accused: [{ known: false, description: 'two men on a black scooter' }],
      properties: [{ description: 'Honda Activa KA-01-AB-1234', value: 65000 }],
      sections: [{ act: 'BNS', section: '303(2)' }],
    });
    const created = await call(base, 'POST', '/api/v1/firs', { key, json: body });
    expect(created.status).toBe(201);
    const fir = ZFirDetail.parse(created.body);
    expect(fir).toMatchObject({
      status: 'draft',
      number: null,
      complainant_name: body.complainant_name,
      place_address: body.place_address,
      properties_total: 65000,
      sections: [{ act: 'BNS', section: '303(2)', title: expect.any(String) }],
    });
    expect(fir.events.map((e) => e.action)).toEqual(['created']);
    expect(created.headers.get('location')).toBe(`/api/v1/firs/${fir.id}`);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);

    const got = await call(base, 'GET', created.headers.get('location')!, { key });
    expect(got.status).toBe(200);
    expect(ZFirDetail.parse(got.body)).toEqual(fir);

    const registered = await call(base, 'POST', `/api/v1/firs/${fir.id}/register`, { key });
    expect(registered.status).toBe(200);
    const reg = ZFirDetail.parse(registered.body);
    expect(reg.status).toBe('registered');
    expect(reg.number).toMatch(/^\d{4}\/\d{4}$/);
    // The first FIR of a new station this year.
    expect(reg.number).toBe(`0001/${istYear(new Date())}`);
    expect(reg.registered_at).not.toBeNull();
    expect(reg.events.at(-1)).toMatchObject({ action: 'registered', from_status: 'draft', to_status: 'registered', changes: { number: { from: null, to: reg.number } } });

    const again = await call(base, 'POST', `/api/v1/firs/${fir.id}/register`, { key, json: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('refuses to register a draft without sections (400) and leaves it a draft', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const created = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody() });
    const res = await call(base, 'POST', `/api/v1/firs/${created.body.id}/register`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ missing: ['sections'] });
    expect((await db.fir.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe('draft');
  });

  it('returns SQL and HTML in a narrative verbatim', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const narrative = `'); DROP TABLE fir; -- <script>alert("x")</script> &amp; <b>bold</b> ${randomUUID()}`;
    const name = `Robert'); DELETE FROM fir; -- <img src=x onerror=alert(1)>`;
    const created = await call(base, 'POST', '/api/v1/firs', { key, json: { complainant_name: name, narrative } });
    expect(created.status).toBe(201);
    expect(created.body.narrative).toBe(narrative);
    expect(created.body.complainant_name).toBe(name);
    const got = await call(base, 'GET', `/api/v1/firs/${created.body.id}?fields=narrative,complainant_name`, { key });
    expect(got.body).toEqual({ id: created.body.id, narrative, complainant_name: name });
    expect((await db.fir.findUniqueOrThrow({ where: { id: created.body.id } })).narrative).toBe(narrative);
  });
});

describe('list', () => {
  it('walks every page once: no duplicate, no gap, total_count right', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody() });
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = new URLSearchParams({ page_size: '3', ...(cursor ? { cursor } : {}) }).toString();
      const res = await call(base, 'GET', `/api/v1/firs?${qs}`, { key });
      expect(res.status).toBe(200);
      const page = ZFirList.parse(res.body);
      expect(page.pagination.total_count).toBe(7);
      expect(page.pagination.page_size).toBe(3);
      expect(page.pagination.has_more).toBe(page.pagination.next_cursor !== null);
      seen.push(...page.data.map((f) => f.id));
      cursor = page.pagination.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    // Newest first.
    expect(seen).toEqual([...ids].reverse());
  });

  // Property 13 (backend-optimization): pagination support for list endpoints
  // Property 14 (backend-optimization): pagination metadata completeness
  it('for any page size and filter, every page carries complete metadata and the pages partition the matches', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const ids: string[] = [];
    const withSection = { sections: [{ act: 'BNS', section: '303(2)' }] };
    for (let i = 0; i < 9; i++) ids.push((await call(base, 'POST', '/api/v1/firs', { key, json: draftBody(withSection) })).body.id);
    // Register some, so a status filter has a subset to match.
    const registered = new Set(ids.filter((_, i) => i % 3 === 0));
    for (const id of registered) expect((await call(base, 'POST', `/api/v1/firs/${id}/register`, { key })).status).toBe(200);

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), fc.constantFrom(undefined, 'draft', 'registered'), async (pageSize, status) => {
        const expected = ids.filter((id) => (status === undefined ? true : status === 'registered' ? registered.has(id) : !registered.has(id)));
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const qs: string = new URLSearchParams({ page_size: String(pageSize), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }).toString();
          const res = await call(base, 'GET', `/api/v1/firs?${qs}`, { key });
          expect(res.status).toBe(200);
          expect(Object.keys(res.body.pagination).sort()).toEqual(['has_more', 'next_cursor', 'page_size', 'total_count']);
          const page = ZFirList.parse(res.body);
          expect(page.pagination).toMatchObject({ total_count: expected.length, page_size: pageSize });
          expect(page.data.length).toBeLessThanOrEqual(pageSize);
          expect(page.pagination.has_more).toBe(page.pagination.next_cursor !== null);
          seen.push(...page.data.map((f) => f.id));
          cursor = page.pagination.next_cursor;
          if (!cursor) break;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 12 },
    );
  });

  it('filters by status, section, q and reported date', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const theft = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ narrative: `Theft of a ${word} bicycle near the temple.`, sections: [{ section: '303(2)' }] }) });
    const hurt = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '115(2)' }] }) });
    await call(base, 'POST', `/api/v1/firs/${hurt.body.id}/register`, { key });
    const ids = async (qs: string) => {
      const res = await call(base, 'GET', `/api/v1/firs?${qs}`, { key });
      expect(res.status, qs).toBe(200);
      return res.body.data.map((f: { id: string }) => f.id);
    };
    expect(await ids('status=registered')).toEqual([hurt.body.id]);
    expect(await ids('section=303')).toEqual([theft.body.id]);
    expect(await ids(`q=${word}`)).toEqual([theft.body.id]);
    // The Indian calendar day it was reported on (not "now": the test may straddle midnight).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(theft.body.reported_at));
    expect((await ids(`from=${today}&to=${today}`)).sort()).toEqual([theft.body.id, hurt.body.id].sort());
    expect(await ids('to=2000-01-01')).toEqual([]);
  });

  // Property 15 (backend-optimization): field filtering — for any API request with a
  // fields parameter, the response includes only the requested fields and excludes all others.
  it('returns exactly the requested fields (and id), for lists and single FIRs', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const created = await call(base, 'POST', '/api/v1/firs', { key, json: draftBody({ sections: [{ section: '303(2)' }] }) });
    const doc = (await call(base, 'GET', '/api/v1/openapi.json')).body;
    const listFields = Object.keys(doc.components.schemas.FirListItem.properties);
    const detailFields = Object.keys(doc.components.schemas.FirDetail.properties);

    await fc.assert(
      fc.asyncProperty(fc.subarray(listFields, { minLength: 1 }), fc.subarray(detailFields, { minLength: 1 }), async (lf, df) => {
        const list = await call(base, 'GET', `/api/v1/firs?fields=${lf.join(',')}`, { key });
        expect(list.status).toBe(200);
        expect(list.body.data).toHaveLength(1);
        expect(Object.keys(list.body.data[0]).sort()).toEqual([...new Set(['id', ...lf])].sort());
        const one = await call(base, 'GET', `/api/v1/firs/${created.body.id}?fields=${df.join(',')}`, { key });
        expect(one.status).toBe(200);
        expect(Object.keys(one.body).sort()).toEqual([...new Set(['id', ...df])].sort());
      }),
      { numRuns: 25 },
    );
  });

  it('answers unknown field names with a 400 naming them', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const res = await call(base, 'GET', '/api/v1/firs?fields=id,number,secret_notes,password', { key });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('secret_notes, password');
    expect(res.body.error.details.issues[0]).toMatchObject({ in: 'query', path: 'fields', params: { unknown_fields: ['secret_notes', 'password'] } });
  });
});

describe('sections', () => {
  it('finds BNS sections by words and by number', async () => {
    const { key } = await makeKey(null);
    const byNumber = await call(base, 'GET', '/api/v1/sections?q=303(2)', { key });
    expect(byNumber.status).toBe(200);
    const list = ZSectionList.parse(byNumber.body);
    expect(list.data[0]).toMatchObject({ section: '303(2)', title: expect.stringMatching(/theft/i) });
    // The seed may have loaded the whole knowledge base: many sections mention theft.
    const byWords = await call(base, 'GET', '/api/v1/sections?q=theft&limit=50', { key });
    expect(byWords.body.data.map((s: { section: string }) => s.section)).toContain('303(2)');
    const limited = await call(base, 'GET', '/api/v1/sections?q=theft&limit=2', { key });
    expect(limited.body.data.length).toBeLessThanOrEqual(2);
    expect((await call(base, 'GET', '/api/v1/sections', { key })).status).toBe(400);
    expect((await call(base, 'GET', '/api/v1/sections?q=theft&limit=51', { key })).status).toBe(400);
  });
});

describe('request ids and headers', () => {
  it('echoes X-Request-Id and uses it as correlation_id', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const ok = await call(base, 'GET', '/api/v1/firs', { key, headers: { 'x-request-id': 'client-req-1' } });
    expect(ok.headers.get('x-request-id')).toBe('client-req-1');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const bad = await call(base, 'GET', '/api/v1/firs?page_size=0', { key, headers: { 'x-request-id': 'client-req-2' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toBe('client-req-2');
    expect(bad.body.error.correlation_id).toBe('client-req-2');
    expect(bad.headers.get('cache-control')).toBe('no-store');
    // Without one, a generated id is both echoed and the correlation id.
    const gen = await call(base, 'GET', `/api/v1/firs/${randomUUID()}`, { key });
    expect(gen.status).toBe(404);
    expectEnvelope(gen, 'NOT_FOUND');
  });

  it('answers unknown /api/v1 paths with the envelope', async () => {
    const res = await call(base, 'GET', '/api/v1/nothing-here', { headers: { 'x-request-id': 'nf-1' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', correlation_id: 'nf-1' });
  });
});
