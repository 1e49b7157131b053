// The primary's pool is behind a circuit breaker: with the primary down, calls fail
// with connection errors until the breaker opens, then at once with 503 UNAVAILABLE
// instead of each waiting on a dead node; once the node is back and the breaker reset,
// queries work again. Local stack only (it stops the primary).
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller, createTrpcContext } from '@/server/api';
import { db } from '@/server/data';
import { up, stopNode } from '@/server/data/local-stack';
import { topology } from '@/server/env';
import { breakerRegistry, isCircuitOpen } from '@/server/resilience/policies';

const quiet = { log: () => {} };

describe.skipIf(!topology.local)('database circuit breaker (local stack)', () => {
  afterAll(async () => {
    await up(quiet);
    breakerRegistry.reset('db:primary', 'chaos test cleanup');
    await db.$disconnect();
  });

  it('opens after repeated connection failures, then refuses at once with 503, and recovers', async () => {
    await db.fir.count(); // a healthy call first: the breaker exists and is closed
    expect(breakerRegistry.snapshot('db:primary').state).toBe('closed');
    await stopNode('primary', { mode: 'fast', ...quiet });

    let opened = false;
    for (let i = 0; i < 10 && !opened; i++) {
      const err = await db.fir.count().then(() => null, (e: unknown) => e);
      expect(err).not.toBeNull();
      opened = isCircuitOpen(err);
    }
    expect(opened).toBe(true);
    expect(breakerRegistry.snapshot('db:primary').state).toBe('open');

    // While open: refused at once, and mapped to SERVICE_UNAVAILABLE for tRPC clients.
    const refused = await db.fir.count().then(() => null, (e: unknown) => e);
    expect(isCircuitOpen(refused)).toBe(true);
    const { db: _db, ...rest } = await createTrpcContext();
    const caller = createCaller({ db, ...rest, session: null });
    await expect(caller.auth.signIn({ email: 'nobody@test.afirgen', password: 'x' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    await up(quiet);
    breakerRegistry.reset('db:primary', 'primary is back');
    expect(await db.fir.count()).toBeGreaterThanOrEqual(0);
    expect(breakerRegistry.snapshot('db:primary').state).toBe('closed');
  });
});
