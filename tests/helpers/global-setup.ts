// Runs once before the int and chaos projects: checks the servers answer, makes the
// test database if it is missing, migrates it and loads the BNS knowledge base. A test database whose applied
// migrations were since edited (normal while developing a migration) is dropped and
// made again; a database the environment named is never dropped.
import pg from 'pg';
import { topology } from '../../server/env';
import { PrismaPg } from '@prisma/adapter-pg';
import { migrate } from '../../server/data/migrations';
import { PrismaClient } from '../../server/data/generated/prisma/client';
import { loadBnsSections } from '../../server/fir/bns/load-sections';
import { loadBns } from '../../server/fir/seed/load-bns';
import { AppError } from '../../server/lib/app-error';
import { databaseOf, onMaintenanceDb } from './test-db';

const MIGRATIONS = 'prisma/migrations';

export default async function setup(): Promise<void> {
  const name = databaseOf(topology.primaryUrl);
  try {
    await onMaintenanceDb(async () => {});
  } catch (err) {
    throw new Error(
      `The PostgreSQL primary at ${new URL(topology.primaryUrl).host} does not answer (${(err as Error).message}). ` +
        (topology.local ? 'Start the local stack: npm run stack -- up' : 'Check DATABASE_URL.'),
    );
  }
  if (topology.local) await ensureDatabase(name);

  const quiet = { log: () => {} };
  try {
    await migrate(topology.primaryUrl, MIGRATIONS, quiet);
  } catch (err) {
    const edited = err instanceof AppError && err.code === 'CONFLICT';
    if (!topology.local || !name.endsWith('_test') || !edited) throw err;
    await onMaintenanceDb((c) => c.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    await ensureDatabase(name);
    await migrate(topology.primaryUrl, MIGRATIONS, quiet);
  }
  // The BNS knowledge base is reference data, like a migration's: tests may rely on it.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: topology.primaryUrl, max: 1 }) });
  try {
    await loadBns(prisma, loadBnsSections());
  } finally {
    await prisma.$disconnect();
  }
}

async function ensureDatabase(name: string): Promise<void> {
  await onMaintenanceDb(async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        // Two projects' setups racing: the other one made it.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  });
}
