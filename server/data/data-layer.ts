// The data layer's process-wide parts beside the clients (prisma.ts): the health
// monitor over every node, the operator's read-set marks (shared by all instances
// through Redis), and start-up (pre-warm the pools, start monitoring).
import fs from 'node:fs';
import path from 'node:path';
import { redis } from '../cache/redis';
import { env, stackDir, topology } from '../env';
import { remember } from '../lib';
import { logger } from '../observability';
import { readRouter } from './prisma';
import { HealthMonitor, type MonitoredNode } from './routing/health-monitor';

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
  return [
    { name: 'primary', url: topology.primaryUrl, dataDir: dir('primary') },
    ...topology.replicaUrls.map((url, i) => ({ name: `replica${i + 1}`, url, dataDir: dir(`replica${i + 1}`) })),
  ];
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

/** Start-up: open each pool's minimum connections and start the health monitor. */
export async function startDataLayer(): Promise<void> {
  const warmed = await readRouter.prewarm();
  const failed = readRouter.pools().filter((_, i) => warmed[i]!.status === 'rejected');
  if (failed.length) logger.warn({ pools: failed.map(([n]) => n) }, 'some database pools could not be pre-warmed; they will connect on demand');
  healthMonitor.start();
  await healthMonitor.checkNow();
}

export function stopDataLayer(): void {
  healthMonitor.stop();
}
