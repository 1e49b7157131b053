// The OpenAPI document of /api/v1 over real HTTP: OpenAPI 3.1 in shape, generated
// from the routes, and complete: every route Fastify has under /api/v1 is documented
// (so a new route without docs fails here), and every $ref resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { call, firCount, makeKey, makeStation, startApi, type Api } from './rest-api-fixtures';

let api: Api;
let doc: any; // the served JSON

beforeAll(async () => {
  api = await startApi();
  const res = await call(api.base, 'GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** "METHOD /path/{param}" for every route Fastify serves under /api/v1, from its route tree. */
function fastifyV1Routes(): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of api.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = (at - 1) / 4;
    const m = /^(\S+)(?: \(([^)]+)\))?/.exec(line.slice(at + 3));
    if (!m) continue;
    stack.length = depth;
    stack.push(m[1]!);
    const path = stack.join('');
    if (!m[2] || !path.startsWith('/api/v1/')) continue;
    for (const method of m[2].split(',').map((s) => s.trim())) {
      if (method !== 'HEAD') out.push(`${method} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

function documentedRoutes(): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('OpenAPI document', () => {
  it('is served without a key, not cached', async () => {
    const res = await call(api.base, 'GET', '/api/v1/openapi.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('is OpenAPI 3.1 in shape', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      expect(path).toMatch(/^\/api\/v1\//);
      for (const [method, op] of Object.entries<any>(item)) {
        expect(METHODS).toContain(method);
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        const statuses = Object.keys(op.responses ?? {});
        expect(statuses.some((s) => /^2\d\d$/.test(s)), `${method} ${path} has a 2xx response`).toBe(true);
        for (const s of statuses) expect(op.responses[s].description, `${method} ${path} ${s}`).toEqual(expect.any(String));
        // Every path parameter of the template is declared, and only those.
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]).sort();
        const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name).sort();
        expect(declared, `${method} ${path}`).toEqual(inPath);
        for (const p of op.parameters ?? []) expect(p.schema, `${method} ${path} ${p.name}`).toBeTypeOf('object');
      }
    }
    const ids = Object.values<Record<string, any>>(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents every route registered under /api/v1, and only those', () => {
    const served = fastifyV1Routes();
    expect(served).toContain('GET /api/v1/firs/{id}');
    expect(documentedRoutes()).toEqual(served);
  });

  it('declares the API-key security and the error envelope on every authenticated operation', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.components.schemas.ErrorEnvelope.properties.error.required.sort()).toEqual(['code', 'correlation_id', 'details', 'message', 'timestamp']);
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (path.endsWith('/openapi.json')) {
          expect(op.security).toEqual([]);
          continue;
        }
        expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
        for (const s of ['400', '401', '500']) {
          expect(op.responses[s]?.content['application/json'].schema, `${method} ${path} ${s}`).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
        }
      }
    }
  });

  it('describes the endpoints with the same schemas the server validates with', () => {
    const list = doc.paths['/api/v1/firs'].get;
    const pageSize = list.parameters.find((p: any) => p.name === 'page_size');
    expect(pageSize).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
    expect(list.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['cursor', 'page_size', 'status', 'from', 'to', 'section', 'q', 'station_id', 'fields']),
    );
    expect(list.parameters.find((p: any) => p.name === 'status').schema.enum).toEqual(['draft', 'registered', 'under_investigation', 'chargesheeted', 'closed']);

    const create = doc.paths['/api/v1/firs'].post;
    expect(create.requestBody.required).toBe(true);
    expect(create.responses['201'].headers.Location).toBeDefined();
    const body = doc.components.schemas.CreateFirRequest;
    expect(body.required.sort()).toEqual(['complainant_name', 'narrative']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.narrative).toMatchObject({ type: 'string', minLength: 10, maxLength: 20000 });
    expect(Object.keys(body.properties).every((k) => /^[a-z0-9_]+$/.test(k))).toBe(true);

    expect(doc.paths['/api/v1/firs/{id}/register'].post.requestBody.required).toBe(false);
    expect(Object.keys(doc.paths['/api/v1/firs/{id}/register'].post.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(doc.paths['/api/v1/firs/{id}'].get.parameters.find((p: any) => p.name === 'id').schema).toMatchObject({ type: 'string', format: 'uuid' });
    expect(doc.paths['/api/v1/sections'].get.parameters.find((p: any) => p.name === 'q').required).toBe(true);
  });

  it('documents an example body the server accepts', async () => {
    const station = await makeStation();
    const { key } = await makeKey(station.id);
    const example = doc.components.schemas.CreateFirRequest.examples[0];
    const res = await call(api.base, 'POST', '/api/v1/firs', { key, json: example });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await firCount(station.id)).toBe(1);
  });

  it('resolves every $ref', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
      expect(m, ref).not.toBeNull();
      expect(doc.components.schemas[m![1]!], ref).toBeDefined();
    }
  });
});
