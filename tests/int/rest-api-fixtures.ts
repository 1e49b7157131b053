// Shared by the rest-api*.int.test.ts files: the real HTTP server on an ephemeral
// port, and each test's own station, admin and API keys (unique ids, no wiping), plus
// the few BNS sections the tests file FIRs under.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApiKey, hashPassword, type Actor } from '@/server/auth';
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

export async function makeStation(): Promise<Station> {
  const tag = randomUUID().slice(0, 8);
  return db.policeStation.create({
    data: { code: `T${tag}`, name: `Test PS ${tag}`, district: `District ${tag}`, state: 'Karnataka' },
    select: { id: true, code: true, district: true },
  });
}

let admin: Promise<Actor> | undefined;

/** One admin per test file (scrypt is slow); they only issue keys. */
export function testAdmin(): Promise<Actor> {
  admin ??= (async () => {
    const tag = randomUUID();
    const user = await db.user.create({
      data: { email: `admin-${tag}@rest-api.test`, name: `Admin ${tag.slice(0, 8)}`, role: 'admin', passwordHash: await hashPassword(tag) },
    });
    return { kind: 'user', userId: user.id, role: 'admin', stationId: null, name: user.name } as const;
  })();
  return admin;
}

export async function makeKey(stationId: number | null): Promise<{ key: string; id: string }> {
  const created = await createApiKey(db, await testAdmin(), { name: `rest-api test ${randomUUID().slice(0, 8)}`, stationId });
  return { key: created.key, id: created.summary.id };
}

/** Real BNS sections (a subset of the knowledge base; a seeded KB already has them). */
export const SECTIONS = [
  { section: '303(2)', sortKey: 30302, title: 'Theft', chapter: 'XVII', chapterTitle: 'Of offences against property', description: 'Whoever commits theft shall be punished with imprisonment which may extend to three years, or with fine, or with both.', punishment: 'Imprisonment up to 3 years, or fine, or both', ipc: '379' },
  { section: '115(2)', sortKey: 11502, title: 'Voluntarily causing hurt', chapter: 'VI', chapterTitle: 'Of offences affecting the human body', description: 'Whoever voluntarily causes hurt shall be punished with imprisonment which may extend to one year, or with fine, or with both.', punishment: 'Imprisonment up to 1 year, or fine up to 10,000 rupees, or both', ipc: '323' },
  { section: '318(4)', sortKey: 31804, title: 'Cheating and dishonestly inducing delivery of property', description: 'Whoever cheats and thereby dishonestly induces the person deceived to deliver any property shall be punished.', chapter: 'XVII', chapterTitle: 'Of offences against property', punishment: 'Imprisonment up to 7 years and fine', ipc: '420' },
] as const;

export async function ensureSections(): Promise<void> {
  for (const s of SECTIONS) {
    await db.$executeRaw`
      INSERT INTO bns_section (section, sort_key, title, chapter, chapter_title, description, punishment, cognizable,
                               bailable, triable_by, ipc, keywords, is_offence, search)
      VALUES (${s.section}, ${s.sortKey}, ${s.title}, ${s.chapter}, ${s.chapterTitle}, ${s.description}, ${s.punishment},
              'Cognizable', 'Non-bailable', 'Any Magistrate', ${s.ipc}, '{}', true,
              to_tsvector('english', ${s.title} || ' ' || ${s.description}))
      ON CONFLICT (section) DO NOTHING`;
  }
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
