// The data layer against the real primary and replicas: where statements run (the
// statement hook names each one's node), read-your-writes inside a request and across
// requests (token header), the health monitor's reports and metrics, pool bounds.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { criticalDb, db, healthMonitor, readDb, readRouter, LSN_HEADER } from '@/server/data';
import { NodePool, parseLsn } from '@/server/data/routing';
import { onStatement } from '@/server/data/statement-hooks';
import { topology } from '@/server/env';
import { runWithContext } from '@/server/lib/request-context';
import { logger, registry } from '@/server/observability';
import { breakerRegistry, Retrier } from '@/server/resilience/policies';
import { makeStation } from '../helpers/fixtures';
import { call, draftBody, makeKey, startApi, type Api } from './rest-api-fixtures';

/** Nodes that ran statements matching `pattern` while `fn` ran. */
async function nodesOf<T>(pattern: RegExp, fn: () => Promise<T>): Promise<{ value: T; nodes: string[] }> {
  const nodes: string[] = [];
  const off = onStatement((e) => {
    if (pattern.test(e.text)) nodes.push(e.node);
  });
  try {
    return { value: await fn(), nodes };
  } finally {
    off();
  }
}

const inRequest = <T>(fn: () => Promise<T>) => runWithContext({ correlationId: randomUUID(), kind: 'http' }, fn);

let api: Api;
beforeAll(async () => {
  await healthMonitor.checkNow();
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe.skipIf(topology.replicaUrls.length < 2)('read routing (real replicas)', () => {
  it('spreads plain reads over both replicas and sends writes through the routed client to the primary', async () => {
    const { nodes } = await nodesOf(/"police_station"/, () => inRequest(async () => {
      for (let i = 0; i < 20; i++) await readDb.policeStation.findFirst({ select: { id: true } });
    }));
    expect(nodes).toHaveLength(20);
    expect(new Set(nodes)).toEqual(new Set(['replica1', 'replica2']));

    const code = `T-${randomUUID().slice(0, 8)}`.toUpperCase();
    const write = await nodesOf(/INSERT INTO/, () =>
      inRequest(() => readDb.policeStation.create({ data: { code, name: code, district: 'D', state: 'S' } })),
    );
    expect(write.nodes).toEqual(['primary']);
  });

  // Property 11 (db-cache-infrastructure): Critical Operation Priority — at runtime
  it('runs critical operations on the dedicated pool on the primary', async () => {
    const { nodes } = await nodesOf(/"police_station"/, () => inRequest(() => criticalDb.policeStation.count()));
    expect(nodes).toEqual(['critical']);
    expect(readRouter.critical).not.toBe(readRouter.primary);
  });

  it('read-your-writes inside a request: a read right after a write sees it, from a node that has replayed it', async () => {
    for (let i = 0; i < 10; i++) {
      await inRequest(async () => {
        const station = await makeStation(db);
        const { value, nodes } = await nodesOf(/"police_station"/, () => readDb.policeStation.findUnique({ where: { id: station.id } }));
        expect(value?.code).toBe(station.code);
        expect(nodes).toHaveLength(1);
      });
    }
  });

  it('read-your-writes across requests: the write returns x-afirgen-lsn, and a read sent with it sees the write', async () => {
    const station = await makeStation(db);
    const { key } = await makeKey(station.id);
    for (let i = 0; i < 5; i++) {
      const created = await call(api.base, 'POST', '/api/v1/firs', { key, json: draftBody() });
      expect(created.status).toBe(201);
      const token = created.headers.get(LSN_HEADER);
      expect(token && parseLsn(token)).toBeTruthy();
      const got = await call(api.base, 'GET', `/api/v1/firs/${created.body.id}`, { key, headers: { [LSN_HEADER]: token! } });
      expect(got.status).toBe(200);
      // a read-only request hands no token back
      expect(got.headers.get(LSN_HEADER)).toBeNull();
    }
  });

  it('never routes a read to a replica behind the caller\'s token', async () => {
    await inRequest(async () => {
      const { rywState } = await import('@/server/data/routing');
      rywState().token = (1n << 62n); // far in the future: no replica has it
      const { nodes } = await nodesOf(/"police_station"/, () => readDb.policeStation.count());
      expect(nodes).toEqual(['primary']);
    });
  });
});

describe('health monitor', () => {
  it('reports every node with its role, WAL position and lag from both ends, and exports metrics', async () => {
    const reports = await healthMonitor.checkNow();
    expect(reports.map((r) => r.name)).toEqual(['primary', ...topology.replicaUrls.map((_, i) => `replica${i + 1}`)]);
    expect(reports[0]).toMatchObject({ up: true, role: 'primary', lagSeconds: 0 });
    for (const r of reports.slice(1)) {
      expect(r).toMatchObject({ up: true, role: 'replica' });
      expect(r.lagBytesReplica).toBeGreaterThanOrEqual(0);
      expect(r.lagBytesPrimary).toBeGreaterThanOrEqual(0);
      expect(r.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(parseLsn(r.lsn!)).not.toBeNull();
    }
    const text = await registry.metrics();
    for (const name of ['db_node_up', 'db_replication_lag_bytes', 'db_replication_lag_seconds', 'db_pool_utilization', 'db_node_in_read_set']) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/db_node_up\{node="primary"\} 1/);
  });

  // Property 8 (db-cache-infrastructure): Health Check Frequency
  it('checks every node at least once per interval while running', async () => {
    const before = healthMonitor.checks;
    healthMonitor.start(1000);
    try {
      const deadline = Date.now() + 15_000;
      while (healthMonitor.checks < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(healthMonitor.checks).toBeGreaterThanOrEqual(before + 3);
      for (const r of healthMonitor.latest()) expect(Date.now() - r.checkedAt).toBeLessThan(15_000);
    } finally {
      healthMonitor.stop();
    }
  });
});

describe('pools', () => {
  // Property 12 (db-cache-infrastructure): Separate Connection Pools
  it('keeps a write pool, a critical pool and one read pool per replica, each its own pg pool', () => {
    const pools = readRouter.pools();
    expect(pools.map(([n]) => n)).toEqual(['write', 'critical', ...topology.replicaUrls.map((_, i) => `read:replica${i + 1}`)]);
    expect(new Set(pools.map(([, p]) => p)).size).toBe(pools.length);
  });

  // Property 13 (db-cache-infrastructure): Connection Pool Bounds
  it('never opens more connections than its bound, whatever the concurrency', async () => {
    const pool = readRouter.replicas.get('replica1') ?? readRouter.primary;
    const max = pool.options.max!;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (concurrency) => {
        let peak = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            await (pool.query as (t: string) => Promise<unknown>).call(pool, 'SELECT pg_sleep(0.01)');
            peak = Math.max(peak, pool.totalCount);
          }),
        );
        expect(peak).toBeLessThanOrEqual(max);
        expect(pool.totalCount).toBeLessThanOrEqual(max);
      }),
      { numRuns: 10 },
    );
  });

  const scratchPool = (opts: { max: number; min: number; idleTimeoutMs: number }) => {
    const name = `db:test-${randomUUID().slice(0, 8)}`;
    const pool = new NodePool(
      { role: 'read', node: 'scratch', connectionString: topology.primaryUrl, retryConnect: false, noteWrites: false, ...opts },
      breakerRegistry.breaker(name),
    );
    return { pool, done: async () => (await pool.end(), breakerRegistry.remove(name)) };
  };
  const sql = (pool: NodePool, text: string) => (pool.query as (t: string) => Promise<unknown>).call(pool, text);

  // Property 14 (db-cache-infrastructure): Idle Connection Cleanup
  it('closes connections idle past the timeout, down to the pool minimum', async () => {
    for (const min of [0, 1]) {
      const { pool, done } = scratchPool({ max: 4, min, idleTimeoutMs: 300 });
      await Promise.all(Array.from({ length: 4 }, () => sql(pool, 'SELECT pg_sleep(0.05)')));
      expect(pool.totalCount).toBeGreaterThan(min);
      const deadline = Date.now() + 10_000;
      while (pool.totalCount > min && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(pool.totalCount).toBe(min);
      await done();
    }
    expect(readRouter.primary.options.idleTimeoutMillis).toBe(300_000); // the default: 300 s
  });

  // Property 15 (db-cache-infrastructure): Pool Utilization Warnings
  it('logs a warning when more than 80 % of a pool is in use, and not below', async () => {
    const warn = vi.spyOn(logger, 'warn');
    try {
      const { pool, done } = scratchPool({ max: 5, min: 0, idleTimeoutMs: 10_000 });
      await sql(pool, 'SELECT 1'); // one in use of five: 20 %
      pool.warnIfBusy();
      expect(warn).not.toHaveBeenCalled();
      await Promise.all(Array.from({ length: 8 }, () => sql(pool, 'SELECT pg_sleep(0.2)'))); // 5 in use, 3 waiting
      const busy = warn.mock.calls.filter(([obj]) => (obj as { node?: string }).node === 'scratch');
      expect(busy.length).toBeGreaterThanOrEqual(1);
      expect((busy[0]![0] as { utilization: number }).utilization).toBeGreaterThan(0.8);
      await done();
    } finally {
      warn.mockRestore();
    }
  });

  // Property 41 (db-cache-infrastructure): Connection Retry with Backoff — on a real refused connection
  // Property 16 (db-cache-infrastructure): Exponential Backoff on Failures
  it('the write pool retries a refused connection with growing waits, then gives up; a read pool fails at once', async () => {
    const dead = 'postgresql://afirgen@127.0.0.1:9/afirgen'; // port 9 (discard): nothing listens
    const name = `db:test-${randomUUID().slice(0, 8)}`;
    const attempts: number[] = [];
    const retrier = new Retrier({ initialDelayMs: 50, maxDelayMs: 1000, jitter: false, shouldRetry: (e) => (attempts.push(Date.now()), (e as { code?: string }).code === 'ECONNREFUSED') });
    const write = new NodePool({ role: 'write', node: 'dead', connectionString: dead, max: 2, min: 0, idleTimeoutMs: 1000, retryConnect: true, retrier, noteWrites: false }, breakerRegistry.breaker(name, { consecutiveFailures: 100 }));
    const started = Date.now();
    await expect((write.query as (t: string) => Promise<unknown>).call(write, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' }); // the driver's own error, after the retries
    expect(attempts).toHaveLength(4); // the first call and 3 retries
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5); // 50, 100, 200 ms (plus connect time)
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await write.end();
    breakerRegistry.remove(name);

    const readName = `db:test-${randomUUID().slice(0, 8)}`;
    const read = new NodePool({ role: 'read', node: 'dead', connectionString: dead, max: 2, min: 0, idleTimeoutMs: 1000, retryConnect: false, noteWrites: false }, breakerRegistry.breaker(readName));
    await expect((read.query as (t: string) => Promise<unknown>).call(read, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await read.end();
    breakerRegistry.remove(readName);
  });
});
