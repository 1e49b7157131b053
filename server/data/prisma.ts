// Prisma Clients through @prisma/adapter-pg (the query compiler is WebAssembly, so no
// engine binary is needed), one per pool, all over the read router's pools
// (server/data/routing):
//   db          the primary's write pool: writes, transactions, and reads that must be current
//   readDb      routed: plain SELECTs to a healthy replica that has the caller's own
//               writes (read-your-writes), everything else to the primary
//   criticalDb  the primary's small dedicated pool, for operations flagged critical
//   replicaDbs  one client per replica's read pool (the console, tests)
// Services take a `Db` and never know which node they hit.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { env, topology } from '../env';
import { remember } from '../lib';
import { ReadRouter } from './routing/read-router';
import { RoutingPool } from './routing/routing-pool';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

export const readRouter: ReadRouter = remember(
  'data:read-router',
  () =>
    new ReadRouter(
      topology.nodes,
      topology.primaryName,
      {
        writeMax: env.DB_WRITE_POOL_MAX,
        readMax: env.DB_READ_POOL_MAX,
        criticalMax: env.DB_CRITICAL_POOL_MAX,
        min: env.DB_POOL_MIN,
        idleTimeoutMs: env.DB_POOL_IDLE_SECONDS * 1000,
      },
      env.DB_READ_ROUTING === 'on',
      env.DB_SYNC_COMMIT,
    ),
);

// The router owns the pools: a client's $disconnect must not end a pool others share.
const clientOn = (pool: pg.Pool) => new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) });

/** The primary: every write and transaction. */
export const db: Db = remember('prisma:primary', () => clientOn(readRouter.primary));

/** Routed reads (see above); writes sent through it still go to the primary. */
export const readDb: Db = remember('prisma:routed', () => clientOn(new RoutingPool(readRouter, false)));

/** The primary's dedicated pool for critical operations: never queued behind ordinary traffic. */
export const criticalDb: Db = remember('prisma:critical', () => clientOn(new RoutingPool(readRouter, true)));

/** One client per replica at start, in the order of topology.replicaUrls (after a failover, see readRouter.replicas). */
export const replicaDbs: Db[] = remember('prisma:replicas', () => [...readRouter.replicas.values()].map(clientOn));

export async function disconnectAll(): Promise<void> {
  await Promise.allSettled([db, readDb, criticalDb, ...replicaDbs].map((c) => c.$disconnect()));
  await readRouter.end();
}
