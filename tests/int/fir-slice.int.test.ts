// The first vertical slice through tRPC with a real context against the real stack:
// what is created is listed, bad input writes nothing, and a write reaches every replica.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller, createTrpcContext } from '@/server/api';
import { db } from '@/server/data';
import { topology } from '@/server/env';
import { eventually } from '../helpers/test-db';

const caller = createCaller(createTrpcContext());

afterAll(async () => {
  await db.$disconnect();
});

describe('fir slice (tRPC)', () => {
  it('creates a draft FIR and lists it first', async () => {
    const name = `Int ${randomUUID()}`;
    const created = await caller.fir.create({ complainantName: name, narrative: 'My scooter was stolen from the market.' });
    expect(created.status).toBe('draft');
    expect(created.createdAt).toBeInstanceOf(Date);

    const list = await caller.fir.list({ limit: 100 });
    expect(list.map((f) => f.id)).toContain(created.id);
    // Newest first: nothing after ours is newer.
    const times = list.map((f) => f.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('refuses invalid input and writes nothing', async () => {
    const name = `Invalid ${randomUUID()}`;
    await expect(caller.fir.create({ complainantName: name, narrative: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      // @ts-expect-error an unknown field is refused, not silently dropped
      caller.fir.create({ complainantName: name, narrative: 'A long enough narrative here.', status: 'closed' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await db.fir.count({ where: { complainantName: name } })).toBe(0);
  });

  it('stores SQL and HTML in a narrative as text', async () => {
    const narrative = `'); DROP TABLE fir; -- <script>alert(1)</script> ${randomUUID()}`;
    const created = await caller.fir.create({ complainantName: 'Robert Tables', narrative });
    const row = await db.fir.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.narrative).toBe(narrative);
  });

  it.each(topology.replicaUrls.map((url, i) => [`replica${i + 1}`, url] as const))(
    'a write through the app becomes readable on %s',
    async (_name, url) => {
      const created = await caller.fir.create({
        complainantName: `Replicated ${randomUUID()}`,
        narrative: 'A write that every replica must receive.',
      });
      const replica = new pg.Client({ connectionString: url });
      await replica.connect();
      try {
        const { rows } = await replica.query<{ in_recovery: boolean }>('SELECT pg_is_in_recovery() AS in_recovery');
        expect(rows[0]?.in_recovery).toBe(true);
        const seen = await eventually(async () => {
          const r = await replica.query('SELECT 1 FROM fir WHERE id = $1', [created.id]);
          return r.rowCount === 1;
        }, 10_000);
        expect(seen).toBe(true);
      } finally {
        await replica.end();
      }
    },
  );
});
