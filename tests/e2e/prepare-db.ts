// Run before the browser tests (`npm run test:e2e`, and `npm test`), before Playwright
// starts the app: a fresh database of their own, dropped and made again each run, so a
// local rerun starts where CI does and the integration tests' leftovers never decide
// what a list shows or what the index advisor finds. Then migrated, with the knowledge
// base, the demo stations and accounts the tests sign in with, a few hundred demo FIRs
// so lists and search have something to show, and fresh planner statistics.
// It runs before Playwright, not as its globalSetup, because Playwright starts the web
// server first, and the server's health check needs the database to exist.
export {};
process.env.DATABASE_NAME ??= 'afirgen_e2e';

const pg = (await import('pg')).default;
const { topology } = await import('../../server/env');
const { seedDemo } = await import('../../server/fir/seed');
const { default: prepareTestDatabase } = await import('../helpers/global-setup');
const { databaseOf, onMaintenanceDb } = await import('../helpers/test-db');
const { analyze } = await import('./db');

const name = databaseOf(topology.primaryUrl);
if (topology.local && name.endsWith('_e2e')) {
  await onMaintenanceDb((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
await prepareTestDatabase();
await seedDemo({ primaryUrl: topology.primaryUrl, firs: 300 });
await analyze();
console.log(`browser tests' database ${name}: ready`);
process.exit(0); // imported modules may hold connections open (the cache's Redis)
