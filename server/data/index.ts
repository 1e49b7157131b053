export { db, readDb, criticalDb, replicaDbs, readRouter, disconnectAll, type Db } from './prisma';
export { checkPostgres, addressOf, type NodeHealth } from './node-health';
export { Prisma, FirStatus } from './generated/prisma/client';
export { acceptToken, attachToken, untracked, LSN_HEADER, LSN_COOKIE } from './routing';
export { healthMonitor, setMarkedOut, startDataLayer, stopDataLayer, failover, startFailover, topologyMode } from './data-layer';
