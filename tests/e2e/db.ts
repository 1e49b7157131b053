// The browser tests' database: `afirgen_e2e` on the local stack (playwright.config.ts
// and prepare-db.ts name it), made afresh before each run by prepare-db.ts.
import pg from 'pg';
import { topology } from '../../server/env';

/** ANALYZE the whole database: the planner's estimates (which the index advisor reads)
 * then come from the data, not from whether autovacuum happened to run yet. */
export async function analyze(): Promise<void> {
  const client = new pg.Client({ connectionString: topology.primaryUrl });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
