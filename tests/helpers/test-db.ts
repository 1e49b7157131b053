// The integration tests' database: `afirgen_test` on the local stack (vitest.config.ts
// sets DATABASE_NAME), or whatever DATABASE_URL names when servers are given. Made
// and migrated once per run by the global setup; tests add their own rows to it.
import pg from 'pg';
import { topology } from '../../server/env';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export async function onMaintenanceDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(topology.primaryUrl, 'postgres') });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Polls `probe` until it returns true or the time is up; returns whether it did. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
