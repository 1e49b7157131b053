// Throwaway databases on the primary for tests that change schemas (migrations, drift):
// each gets its own `mig_<random>` database, made through the `postgres` maintenance
// database, so test files run in parallel and never touch the app database's schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { topology } from '../../server/env';
import { onMaintenanceDb, withDatabase } from './test-db';

export type ScratchDb = {
  name: string;
  url: string;
  /** a connected client on the scratch database, closed by drop() */
  client: pg.Client;
  /** DROP SCHEMA public CASCADE and recreate it: cheaper than a new database between property runs */
  resetSchema(): Promise<void>;
  drop(): Promise<void>;
};

export async function createScratchDb(prefix = 'mig'): Promise<ScratchDb> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onMaintenanceDb((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(topology.primaryUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => {});
  return {
    name,
    url,
    client,
    async resetSchema() {
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    },
    async drop() {
      await client.end().catch(() => {});
      await onMaintenanceDb((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
