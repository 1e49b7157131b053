export { db, replicaDbs, disconnectAll, type Db } from './prisma';
export { checkPostgres, addressOf, type NodeHealth } from './node-health';
export { Prisma, FirStatus } from './generated/prisma/client';
