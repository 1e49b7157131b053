// Killing a replica or Redis makes /api/health say so, and `up` heals both. Runs
// against the local stack only (it kills its processes); skipped for given servers.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology } from '@/server/env';
import { up, stopNode } from '@/server/data/local-stack';
import { createHttpServer, type HealthReport } from '@/server/http';
import { eventually } from '../helpers/test-db';

const quiet = { log: () => {} };
let base: string;
let close: () => Promise<void>;

async function health(): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`${base}/api/health`);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

describe.skipIf(!topology.local)('health under failures (local stack)', () => {
  beforeAll(async () => {
    await up(quiet);
    const built = await createHttpServer((_req, res) => res.end());
    close = () => built.app.close();
    await new Promise<void>((r) => built.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(built.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await close();
    await up(quiet);
  });

  it('reports a killed replica as down, the rest up, and recovers after up()', async () => {
    expect((await health()).body.status).toBe('ok');
    await stopNode('replica1', { mode: 'kill9', ...quiet });

    const { status, body } = await health();
    expect(status).toBe(200); // the primary still takes writes
    expect(body.status).toBe('degraded');
    expect(body.nodes.find((n) => n.name === 'replica1')).toMatchObject({ up: false });
    expect(body.nodes.find((n) => n.name === 'replica1')?.error).toBeTruthy();
    expect(body.nodes.find((n) => n.name === 'primary')).toMatchObject({ up: true });
    expect(body.redis.up).toBe(true);

    await up(quiet);
    expect(await eventually(async () => (await health()).body.status === 'ok', 30_000, 250)).toBe(true);
  });

  it('reports a killed Redis as down and sees it again once it is back', async () => {
    await stopNode('redis', { mode: 'kill9', ...quiet });
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.redis.up).toBe(false);
    expect(body.nodes.every((n) => n.up)).toBe(true);

    await up(quiet);
    // The cache client reconnects by itself (retry at most every 2 s).
    expect(await eventually(async () => (await health()).body.redis.up, 15_000, 250)).toBe(true);
  });

  it('answers 503 "down" while the primary is stopped', async () => {
    await stopNode('primary', { mode: 'fast', ...quiet });
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.status).toBe('down');
      expect(body.nodes[0]).toMatchObject({ name: 'primary', up: false });
    } finally {
      await up(quiet);
    }
    expect(await eventually(async () => (await health()).status === 200, 30_000, 250)).toBe(true);
  });
});
