// The driver-level statement seam and the request context, against the real primary.
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../server/data/prisma';
import { onStatement, type StatementEvent } from '../../server/data/statement-hooks';
import { contextSlot, currentContext, runWithContext } from '../../server/lib/request-context';

afterAll(() => db.$disconnect());

describe('statement hooks', () => {
  it('reports Prisma statements, plain and in a transaction, with node, text and outcome', async () => {
    const seen: StatementEvent[] = [];
    const off = onStatement((e) => seen.push(e));
    try {
      await db.$queryRawUnsafe('SELECT 41 + 1 AS answer');
      await db.$transaction([db.$queryRawUnsafe('SELECT 7 AS inside_tx')]);
      await expect(db.$queryRawUnsafe('SELECT * FROM no_such_table_here')).rejects.toThrow();
    } finally {
      off();
    }
    const plain = seen.find((e) => e.text.includes('41 + 1'));
    expect(plain).toMatchObject({ node: 'primary', rowCount: 1 });
    expect(plain!.durationMs).toBeGreaterThan(0);
    expect(seen.some((e) => e.text.includes('inside_tx'))).toBe(true);
    expect(seen.find((e) => e.text.includes('no_such_table_here'))?.error).toBeDefined();
  });

  it('stops reporting once the listener is removed', async () => {
    const seen: StatementEvent[] = [];
    onStatement((e) => seen.push(e))();
    await db.$queryRawUnsafe('SELECT 1');
    expect(seen).toEqual([]);
  });
});

describe('request context', () => {
  const slot = contextSlot<number>('test');
  it('keeps concurrent contexts apart across awaits, and is absent outside one', async () => {
    expect(currentContext()).toBeUndefined();
    slot.set(1); // outside a context: no-op
    expect(slot.get()).toBeUndefined();
    const run = (id: string, n: number) =>
      runWithContext({ correlationId: id, kind: 'task' }, async () => {
        slot.set(n);
        await new Promise((r) => setTimeout(r, 5 * n));
        return [currentContext()!.correlationId, slot.get()];
      });
    expect(await Promise.all([run('a', 3), run('b', 1)])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });
});
