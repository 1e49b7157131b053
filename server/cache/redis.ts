// The cache's Redis connection. Short command and connect timeouts, no offline
// queue: when Redis is down a command fails fast and callers fall back to the
// database instead of waiting (BullMQ gets its own connection, with other settings).
import { Redis } from 'ioredis';
import { topology } from '../env';
import { remember } from '../lib';

export const redis = remember('redis:cache', () => {
  const r = new Redis(topology.redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Keep trying to reconnect in the background, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Without a listener ioredis logs every failed reconnect as an unhandled error.
  r.on('error', () => {});
  r.connect().catch(() => {});
  return r;
});

export type RedisHealth = { name: 'redis'; address: string; up: boolean; latencyMs: number; error?: string };

/**
 * Waits, up to `timeoutMs`, for a connection that is being made (the cache's client unless another is given). Commands fail at once
 * while the client is not ready (no offline queue), which is right during an outage
 * but wrong in the first moments after start, when the connection is still opening.
 */
export async function whenReady(timeoutMs = 1000, client: Redis = redis): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

export async function checkRedis(): Promise<RedisHealth> {
  const started = performance.now();
  const u = new URL(topology.redisUrl);
  const address = `${u.hostname}:${u.port || '6379'}`;
  try {
    // Health should say what Redis is, not what this client's connection was a moment ago.
    if (redis.status !== 'ready' && redis.status !== 'end') await whenReady();
    await redis.ping();
    return { name: 'redis', address, up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return {
      name: 'redis',
      address,
      up: false,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
