// The data layer's process-wide parts beside the clients (prisma.ts): the health
// monitor over every node, the operator's read-set marks (shared by all instances
// through Redis), and start-up (pre-warm the pools, start monitoring).
import fs from 'node:fs';
import path from 'node:path';
import { redis, whenReady } from '../cache/redis';
import { env, stackDir, topology } from '../env';
import { remember } from '../lib';
import { logger } from '../observability';
import { readRouter } from './prisma';
import { HealthMonitor, type MonitoredNode } from './routing/health-monitor';
import { FailoverController, TopologyStore } from './failover';
import { Redis } from 'ioredis';

const MARKED_OUT_KEY = 'afirgen:data:read-set:out';

/** The local stack's PostgreSQL data root (.stack/pg, maybe a symlink), without loading the stack manager into Next's bundle. */
export function localPgRoot(): string | null {
  try {
    return fs.realpathSync(path.join(stackDir, 'pg'));
  } catch {
    return null;
  }
}

function monitoredNodes(): MonitoredNode[] {
  // The local stack's data directories let the monitor sample each node's CPU.
  const pgRoot = topology.local ? localPgRoot() : null;
  const dir = (name: string) => (pgRoot ? path.join(pgRoot, name) : null);
  return topology.nodes.map((n) => ({ ...n, dataDir: dir(n.name) }));
}

export const healthMonitor: HealthMonitor = remember(
  'data:health-monitor',
  () =>
    new HealthMonitor(readRouter, monitoredNodes(), {
      intervalMs: env.DB_HEALTH_INTERVAL_MS,
      limits: { outAboveSeconds: env.DB_LAG_OUT_SECONDS, backBelowSeconds: env.DB_LAG_BACK_SECONDS },
      markedOut: async () => new Set(await redis.smembers(MARKED_OUT_KEY)),
      syncCommit: readRouter.syncCommit,
    }),
);

/** An operator takes a replica out of the read set (or puts it back), for every instance. */
export async function setMarkedOut(name: string, out: boolean): Promise<void> {
  healthMonitor.setMarkedOutLocally(name, out);
  await (out ? redis.sadd(MARKED_OUT_KEY, name) : redis.srem(MARKED_OUT_KEY, name));
}

/** static: the URLs as configured, no failover; managed: automatic failover (server/data/failover). */
export const topologyMode: 'static' | 'managed' = env.DB_TOPOLOGY ?? (topology.local ? 'managed' : 'static');

export const failover: FailoverController = remember(
  'data:failover',
  () =>
    new FailoverController(readRouter, healthMonitor, new TopologyStore(redis), {
      failuresToFail: env.DB_FAILOVER_FAILURES,
      leaseMs: env.DB_FAILOVER_LEASE_MS,
      autoRejoin: env.DB_FAILOVER_REJOIN === 'auto',
      ...(env.DB_FAILOVER_WEBHOOK_URL ? { webhookUrl: env.DB_FAILOVER_WEBHOOK_URL } : {}),
    }),
);

// Subscribed connections cannot run other commands, so the topology channel has its own.
const subscriber = () => remember('redis:topology-subscriber', () => {
  const r = new Redis(topology.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) });
  r.on('error', () => {});
  return r;
});

/** Managed topology: follow (and, when the primary fails, decide) the published primary. */
export async function startFailover(): Promise<void> {
  if (topologyMode !== 'managed') return;
  await whenReady(1000).catch(() => {});
  await failover.start({ primary: topology.primaryName, epoch: topology.epoch, at: Date.now() }, subscriber());
}

/** Start-up: follow the topology, open each pool's minimum connections and start the health monitor. */
export async function startDataLayer(): Promise<void> {
  await startFailover().catch((err: unknown) => logger.error({ err }, 'managed topology not started; following the configured primary'));
  const warmed = await readRouter.prewarm();
  const failed = readRouter.pools().filter((_, i) => warmed[i]!.status === 'rejected');
  if (failed.length) logger.warn({ pools: failed.map(([n]) => n) }, 'some database pools could not be pre-warmed; they will connect on demand');
  healthMonitor.start();
  await healthMonitor.checkNow();
}

export function stopDataLayer(): void {
  healthMonitor.stop();
  failover.stop();
}
