// Shared by the rest-api*.int.test.ts files: the real HTTP server on an ephemeral
// port, and each test's own station, admin and API keys (unique ids, no wiping). The
// BNS knowledge base the tests file FIRs under is loaded by the global setup.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApiKey, type Actor } from '@/server/auth';
import { makeStation as makeSharedStation, makeUser } from '../helpers/fixtures';
import { db } from '@/server/data';
import { createHttpServer } from '@/server/http';

export type Api = { base: string; app: FastifyInstance; close: () => Promise<void> };

export async function startApi(): Promise<Api> {
  const { app, server } = await createHttpServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app, close: () => app.close() };
}

export type Station = { id: number; code: string; district: string };

/** A station of this test's own (the shared fixture, bound to the app's client). */
export const makeStation = (): Promise<Station> => makeSharedStation(db);

let admin: Promise<Actor> | undefined;

/** One admin per test file; they only issue keys. */
export function testAdmin(): Promise<Actor> {
  admin ??= makeUser(db, { role: 'admin', stationId: null }).then((u) => u.actor);
  return admin;
}

export async function makeKey(stationId: number | null): Promise<{ key: string; id: string }> {
  const created = await createApiKey(db, await testAdmin(), { name: `rest-api test ${randomUUID().slice(0, 8)}`, stationId });
  return { key: created.key, id: created.summary.id };
}

export type Res = { status: number; headers: Headers; body: any }; // JSON of any shape; the schemas check it

/** fetch with a key, JSON in and out; `raw` sends a body string as is. */
export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { key?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = opts.raw;
  }
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: leave the text for the assertion to show
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A valid create body, with a unique complainant so the test can find its rows. */
export function draftBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    complainant_name: `Complainant ${randomUUID()}`,
    narrative: 'My motorcycle was stolen from outside the railway station last night.',
    ...extra,
  };
}

export const firCount = (stationId: number) => db.fir.count({ where: { stationId } });
