export { db, readDb, criticalDb, replicaDbs, readRouter, disconnectAll, type Db } from './prisma';
export { checkPostgres, addressOf, type NodeHealth } from './node-health';
export { Prisma, FirStatus } from './generated/prisma/client';
export { acceptToken, attachToken, LSN_HEADER, LSN_COOKIE } from './routing';
