// Prisma Clients, one per database node, through @prisma/adapter-pg (the query
// compiler is WebAssembly, so no engine binary is needed). Services ask for `db`
// (the primary) and never build clients themselves; read routing across replicas
// arrives with the data-layer issue behind the same seam.
import { PrismaPg } from '@prisma/adapter-pg';
import { topology } from '../env';
import { remember } from '../lib';
import { breakerRegistry } from '../resilience/policies';
import { BreakerPool } from './breaker-pool';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

/** A client on one node, its pool behind that node's circuit breaker ("db:primary", "db:replica1"…). */
function makeClient(connectionString: string, max: number, node: string): PrismaClient {
  const pool = new BreakerPool({ connectionString, max }, breakerRegistry.breaker(`db:${node}`));
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** The primary: every write and, for now, every read. */
export const db: Db = remember('prisma:primary', () => makeClient(topology.primaryUrl, 10, 'primary'));

/** One client per replica, in the order of topology.replicaUrls. */
export const replicaDbs: Db[] = remember('prisma:replicas', () =>
  topology.replicaUrls.map((url, i) => makeClient(url, 5, `replica${i + 1}`)),
);

export async function disconnectAll(): Promise<void> {
  await Promise.allSettled([db, ...replicaDbs].map((c) => c.$disconnect()));
}
