// Runner functions accept a connection string (the CLI) or an open client (tests and
// callers that already hold one); this gives both the same shape.
import pg from 'pg';

export type Db = string | pg.Client;

/** Runs `fn` on a client: the given one, or a new one that is closed afterwards. */
export async function withClient<T>(db: Db, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (typeof db !== 'string') return fn(db);
  const client = new pg.Client({ connectionString: db, application_name: 'afirgen-migrations' });
  await client.connect();
  // An idle client's socket error (server restart) would otherwise crash the process.
  client.on('error', () => {});
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
