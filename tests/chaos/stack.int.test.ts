// The local stack manager against real processes: replication works end to end, a
// replica or Redis killed with SIGKILL shows as stopped and comes back with `up`, and
// `up` on a healthy stack changes nothing. Local stack only: it kills its processes.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, topology } from '@/server/env';
import { nodeNames, status, stopNode, up, type NodeStatus } from '@/server/data/local-stack';
import { onNode } from '@/server/data/node-health';

const quiet = { log: () => {} };
const replicaCount = env.STACK_REPLICAS;

function urlFor(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

const withPg = <T>(url: string, fn: (c: pg.Client) => Promise<T>) => onNode(url, fn);

async function poll(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const row = (rows: NodeStatus[], name: string) => rows.find((r) => r.name === name)!;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!topology.local)('local stack manager (real processes)', () => {
  const scratch = `stack_chaos_${randomBytes(4).toString('hex')}`;
  const scratchOn = (base: string) => urlFor(base, scratch);

  beforeAll(async () => {
    await up(quiet);
    await withPg(urlFor(topology.primaryUrl, 'postgres'), (c) => c.query(`CREATE DATABASE ${scratch}`));
    await withPg(scratchOn(topology.primaryUrl), (c) => c.query('CREATE TABLE probe (token text PRIMARY KEY)'));
  });

  afterAll(async () => {
    await up(quiet); // leave the stack healthy for whoever runs next
    await withPg(urlFor(topology.primaryUrl, 'postgres'), (c) => c.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
  });

  async function writeAndSeeEverywhere(replicaUrls: string[]): Promise<boolean[]> {
    const token = randomBytes(8).toString('hex');
    await withPg(scratchOn(topology.primaryUrl), (c) => c.query('INSERT INTO probe VALUES ($1)', [token]));
    return Promise.all(
      replicaUrls.map((u) =>
        poll(() => withPg(scratchOn(u), async (c) => (await c.query('SELECT 1 FROM probe WHERE token = $1', [token])).rowCount === 1)),
      ),
    );
  }

  it('status shows one primary, every replica streaming with lag numbers, and Redis', async () => {
    const rows = await status();
    expect(rows.map((r) => r.name)).toEqual(nodeNames());
    expect(rows.filter((r) => r.role === 'primary').map((r) => r.name)).toEqual(['primary']);
    expect(row(rows, 'primary')).toMatchObject({ state: 'running', port: env.STACK_PORT_BASE });
    const replicas = rows.filter((r) => r.role === 'replica');
    expect(replicas).toHaveLength(replicaCount);
    for (const r of replicas) {
      expect(r.state, r.name).toBe('running');
      expect(r.pid, r.name).toBeGreaterThan(0);
      expect(r.replication?.state, r.name).toBe('streaming');
      expect(['quorum', 'sync'], r.name).toContain(r.replication?.syncState);
      expect(Number.isFinite(r.replication?.lagBytes), r.name).toBe(true);
      expect(Number.isFinite(r.replication?.lagSeconds), r.name).toBe(true);
    }
    expect(row(rows, 'redis')).toMatchObject({ role: 'redis', state: 'running', port: env.STACK_REDIS_PORT });
  });

  it('makes new databases with the extensions and replicates a committed row to every replica', async () => {
    const exts = await withPg(scratchOn(topology.primaryUrl), async (c) => (await c.query('SELECT extname FROM pg_extension')).rows.map((r) => r.extname));
    expect(exts).toEqual(expect.arrayContaining(['pg_stat_statements', 'hypopg']));
    const sync = await withPg(topology.primaryUrl, async (c) => (await c.query('SHOW synchronous_standby_names')).rows[0].synchronous_standby_names);
    const names = Array.from({ length: replicaCount }, (_, i) => `replica${i + 1}`).join(', ');
    expect(sync).toBe(replicaCount > 0 ? `ANY 1 (${names})` : '');
    expect(await writeAndSeeEverywhere(topology.replicaUrls)).toEqual(topology.replicaUrls.map(() => true));
  });

  it.skipIf(replicaCount === 0)('restarts a replica killed with SIGKILL, which then streams again', async () => {
    const before = row(await status(), 'replica1');
    expect(before.state).toBe('running');
    await stopNode('replica1', { mode: 'kill9', ...quiet });
    // Polled: for a moment the killed postmaster is a zombie waiting for init to reap it.
    expect(await poll(async () => !alive(before.pid!), 3000)).toBe(true);
    expect(row(await status(), 'replica1')).toMatchObject({ state: 'stopped', pid: null, replication: null });
    if (replicaCount > 1) {
      // Quorum commit: with one replica gone the primary still takes writes.
      expect((await writeAndSeeEverywhere(topology.replicaUrls.slice(1))).every(Boolean)).toBe(true);
    }

    const lines: string[] = [];
    await up({ log: (l) => lines.push(l) });
    expect(lines.some((l) => l.startsWith('replica1: starting'))).toBe(true);
    const after = row(await status(), 'replica1');
    expect(after.state).toBe('running');
    expect(after.pid).not.toBe(before.pid);
    expect(after.replication?.state).toBe('streaming');
    expect(await writeAndSeeEverywhere(topology.replicaUrls)).toEqual(topology.replicaUrls.map(() => true));
  });

  it('brings back a Redis killed with SIGKILL, clearing its stale pid file', async () => {
    const before = row(await status(), 'redis');
    await stopNode('redis', { mode: 'kill9', ...quiet });
    expect(row(await status(), 'redis')).toMatchObject({ state: 'stopped', pid: null });

    const lines: string[] = [];
    await up({ log: (l) => lines.push(l) });
    expect(lines.some((l) => /redis: removed stale redis\.pid/.test(l))).toBe(true);
    const after = row(await status(), 'redis');
    expect(after).toMatchObject({ state: 'running' });
    expect(after.pid).not.toBe(before.pid);
    const client = new Redis(topology.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('`up` twice on a healthy stack starts nothing and is quick', async () => {
    await up(quiet);
    const pids = (await status()).map((r) => r.pid);
    const lines: string[] = [];
    const second = await up({ log: (l) => lines.push(l) });
    expect(lines.filter((l) => /starting|pg_basebackup|initdb|restarting/.test(l))).toEqual([]);
    expect(second.nodes.map((r) => r.pid)).toEqual(pids);
    expect(second.tookMs).toBeLessThan(5000);
  });
});
