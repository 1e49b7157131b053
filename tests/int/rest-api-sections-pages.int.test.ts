// GET /api/v1/sections: cursor pagination and fields= (backend-optimization properties
// 13–15 on this list endpoint too): walking the pages gives the one-page answer, in
// order, without overlaps; fields= returns only what was asked (and the section).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { ZSectionList } from '@/server/http/v1/section-contracts';
import { call, makeKey, startApi, type Api } from './rest-api-fixtures';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

const WORDS = ['theft', 'hurt', 'death', 'property', 'woman', 'public servant', 'cheating', '303'];

describe('sections pages', () => {
  // Property 13 / 14 (backend-optimization): pagination support and metadata on a list endpoint
  it('walking the pages with next_cursor gives the whole ranked list once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 7 }), async (q, size) => {
        const { key } = await makeKey(null); // a key per run: a walk is many requests, under the per-key limit
        const whole = await call(api.base, 'GET', `/api/v1/sections?q=${encodeURIComponent(q)}&limit=50`, { key });
        expect(whole.status).toBe(200);
        const all = ZSectionList.parse(whole.body).data.map((s) => s.section);
        const walked: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 60; page++) {
          const res = await call(api.base, 'GET', `/api/v1/sections?q=${encodeURIComponent(q)}&limit=${size}${cursor ? `&cursor=${cursor}` : ''}`, { key });
          expect(res.status).toBe(200);
          const body = ZSectionList.parse(res.body);
          expect(body.data.length).toBeLessThanOrEqual(size);
          expect(body.pagination.page_size).toBe(size);
          expect(body.pagination.has_more).toBe(body.pagination.next_cursor !== null);
          walked.push(...body.data.map((s) => s.section));
          cursor = body.pagination.next_cursor;
          if (!cursor || walked.length >= all.length) break;
        }
        expect(walked.slice(0, all.length)).toEqual(all);
        expect(new Set(walked).size).toBe(walked.length);
      }),
      { numRuns: 12 },
    );
  });

  // Property 15 (backend-optimization): field filtering
  it('fields= returns only the named fields and the section; a bad cursor or field is a 400', async () => {
    const { key } = await makeKey(null);
    const res = await call(api.base, 'GET', '/api/v1/sections?q=theft&limit=3&fields=title,rank', { key });
    expect(res.status).toBe(200);
    for (const hit of res.body.data) expect(Object.keys(hit).sort()).toEqual(['rank', 'section', 'title']);
    expect((await call(api.base, 'GET', '/api/v1/sections?q=theft&cursor=nonsense', { key })).status).toBe(400);
    expect((await call(api.base, 'GET', '/api/v1/sections?q=theft&fields=nope', { key })).status).toBe(400);
  });
});
