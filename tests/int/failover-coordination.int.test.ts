// The parts of managed failover that coordinate app instances and tell administrators,
// against the real Redis and a real HTTP receiver: one lease holder at a time (only the
// holder can release it), epochs that only grow whoever asks, and the notification
// (alert metric and webhook POST).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redis, whenReady } from '@/server/cache/redis';
import { TopologyStore, type TFailoverEvent } from '@/server/data/failover';
import { failoverMetrics, notifyFailover } from '@/server/data/failover/notify';
import { LEASE_KEY } from '@/server/data/failover/topology-store';

describe('failover coordination (real Redis)', () => {
  it('lets exactly one of several instances hold the lease, and only the holder release it', async () => {
    await whenReady(2000);
    const stores = Array.from({ length: 5 }, () => new TopologyStore(redis, `test-${randomUUID()}`));
    // Wait for a lease a real instance might hold (none should on the test stack).
    for (let i = 0; i < 50 && (await redis.exists(LEASE_KEY)); i++) await new Promise((r) => setTimeout(r, 100));
    const won = await Promise.all(stores.map((s) => s.acquireLease(5000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = stores[won.indexOf(true)]!;
    const other = stores.find((s) => s !== holder)!;
    try {
      await other.releaseLease(); // not its lease: nothing happens
      expect(await redis.get(LEASE_KEY)).toBe(holder.owner);
      expect(await other.acquireLease(5000)).toBe(false);
    } finally {
      await holder.releaseLease();
    }
    expect(await redis.get(LEASE_KEY)).toBeNull();
    expect(await other.acquireLease(5000)).toBe(true);
    await other.releaseLease();
  });

  it('hands out epochs that only grow, also past one recorded elsewhere', async () => {
    const a = new TopologyStore(redis, 'a');
    const b = new TopologyStore(redis, 'b');
    const got = await Promise.all([a.nextEpoch(0), b.nextEpoch(0), a.nextEpoch(0), b.nextEpoch(0)]);
    expect(new Set(got).size).toBe(4);
    const top = Math.max(...got);
    // A stack that recorded a higher epoch (Redis was reset meanwhile) is never undercut.
    expect(await a.nextEpoch(top + 100)).toBe(top + 101);
  });

  it('notifies: alert metric, history shape, and a POST to the webhook', async () => {
    const received: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const now = Date.now();
    const event: TFailoverEvent = { kind: 'failover', epoch: 7, from: 'primary', to: 'replica1', ok: true, reason: 'test', instance: 'x', startedAt: now - 2500, detectedAt: now - 1000, promotedAt: now - 500, finishedAt: now, lsn: '1a2b' };
    const before = (await failoverMetrics.events.get()).values.find((v) => v.labels.kind === 'failover' && v.labels.result === 'promoted')?.value ?? 0;
    try {
      await notifyFailover(event, url);
    } finally {
      server.close();
    }
    expect(received).toEqual([{ method: 'POST', type: 'application/json', body: { type: 'database.failover', ...event } }]);
    const after = (await failoverMetrics.events.get()).values.find((v) => v.labels.kind === 'failover' && v.labels.result === 'promoted')!.value;
    expect(after).toBe(before + 1);
    expect((await failoverMetrics.unavailableSeconds.get()).values[0]!.value).toBeCloseTo(2.5, 1);
  });
});
