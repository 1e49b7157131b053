// Online migrations (the index advisor's, kept in schema_online_migration) through the
// same runner as the files, in a scratch database: history, transactions, clean-up on
// failure, reversal, and the two name streams not blocking each other.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOnlineMigration, migrate, migrationStatus, readHistory, rollback, NO_TRANSACTION_MARKER } from '../../server/data/migrations';
import { createScratchDb, type ScratchDb } from '../helpers/scratch-db';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../prisma/migrations');
let db: ScratchDb;
let seq = 0;

// Online names carry a timestamp to the second; tests make several a second, so step a fake clock.
const clock = () => new Date(Date.UTC(2030, 0, 1) + seq++ * 1000);

const tables = async () => (await db.client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename LIKE 'om_%' ORDER BY 1`)).rows.map((r) => r.t);
const indexes = async () => (await db.client.query<{ i: string }>(`SELECT indexname AS i FROM pg_indexes WHERE tablename = 'om_base' ORDER BY 1`)).rows.map((r) => r.i);

beforeAll(async () => {
  db = await createScratchDb('onl');
  await migrate(db.client, MIGRATIONS);
  await db.client.query(`CREATE TABLE om_base (id int PRIMARY KEY, a int, b int); INSERT INTO om_base SELECT i, i % 3, i FROM generate_series(1, 100) i`);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('online migrations', () => {
  // Property 31 (db-cache-infrastructure): schema version history — every applied online
  // migration is in schema_migrations with its checksum, in order; rolled back, it leaves it.
  // Property 34 (db-cache-infrastructure): rollback script generation — each has a down
  // script, and running it restores the schema as it was.
  it('Property 31 / Property 34: applied online migrations are recorded in the history and reversed exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 3 }), async (cols) => {
        const before = await indexes();
        const names: string[] = [];
        for (const [k, c] of cols.entries()) {
          const ix = `om_ix_${seq}_${k}`;
          names.push(
            await addOnlineMigration(
              db.client,
              {
                slug: ix,
                upSql: `${NO_TRANSACTION_MARKER}\nCREATE INDEX CONCURRENTLY ${ix} ON om_base (${c});\n`,
                downSql: `${NO_TRANSACTION_MARKER}\nDROP INDEX CONCURRENTLY IF EXISTS ${ix};\n`,
                source: 'test',
                createdBy: null,
              },
              clock(),
            ),
          );
        }
        const { applied } = await migrate(db.client, MIGRATIONS);
        expect(applied.map((a) => a.name)).toEqual(names);
        const history = await readHistory(db.client);
        for (const n of names) expect(history.find((h) => h.name === n)?.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect((await migrationStatus(db.client, MIGRATIONS)).filter((r) => names.includes(r.name)).every((r) => r.state === 'applied')).toBe(true);
        expect((await indexes()).length).toBe(before.length + names.length);
        const { rolledBack } = await rollback(db.client, MIGRATIONS, { count: names.length });
        expect(rolledBack.map((r) => r.name)).toEqual([...names].reverse());
        expect(await indexes()).toEqual(before);
        await db.client.query(`DELETE FROM schema_online_migration WHERE name = ANY($1)`, [names]);
      }),
      { numRuns: 4 },
    );
  });

  // Property 32 (db-cache-infrastructure): transactional migrations, and Property 33: migration
  // rollback on failure — an online migration that fails part-way leaves nothing behind.
  it('Property 32 / Property 33: a failing online migration leaves nothing applied or recorded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), async (failAt, extra) => {
        const t = `om_tx_${seq}`;
        const statements = Array.from({ length: extra + 1 }, (_, i) => (i === failAt ? 'SELECT 1 / 0;' : `CREATE TABLE ${t}_${i} (id int);`));
        const name = await addOnlineMigration(db.client, { slug: t, upSql: statements.join('\n'), downSql: `SELECT 1;`, source: 'test', createdBy: null }, clock());
        const before = await tables();
        const err = await migrate(db.client, MIGRATIONS).then(() => null, (e: Error) => e);
        const fails = failAt <= extra;
        expect(!!err).toBe(fails);
        if (fails) {
          expect(err!.message).toMatch(new RegExp(`${name}[\\s\\S]*division by zero`));
          expect(await tables()).toEqual(before);
          expect((await readHistory(db.client)).some((h) => h.name === name)).toBe(false);
        } else {
          await rollback(db.client, MIGRATIONS);
        }
        await db.client.query(`DELETE FROM schema_online_migration WHERE name = $1`, [name]);
        for (let i = 0; i <= extra; i++) await db.client.query(`DROP TABLE IF EXISTS ${t}_${i}`);
      }),
      { numRuns: 5 },
    );
  });

  it('a failed CREATE INDEX CONCURRENTLY is cleaned up by its down script (no INVALID index left)', async () => {
    await db.client.query(`INSERT INTO om_base VALUES (1000, 1, 1), (1001, 1, 1)`); // b is no longer unique
    const name = await addOnlineMigration(
      db.client,
      {
        slug: 'om_unique_b',
        upSql: `${NO_TRANSACTION_MARKER}\nCREATE UNIQUE INDEX CONCURRENTLY om_unique_b ON om_base (b);\n`,
        downSql: `${NO_TRANSACTION_MARKER}\nDROP INDEX CONCURRENTLY IF EXISTS om_unique_b;\n`,
        source: 'test',
        createdBy: null,
      },
      clock(),
    );
    await expect(migrate(db.client, MIGRATIONS, { only: name })).rejects.toThrow(/could not create unique index[\s\S]*down\.sql was run to clean up and succeeded/);
    expect(await indexes()).not.toContain('om_unique_b');
    await db.client.query(`DELETE FROM schema_online_migration WHERE name = $1`, [name]);
  });

  it('a file migration added after an online one is not refused for sorting before it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'om-'));
    cpSync(MIGRATIONS, dir, { recursive: true });
    await addOnlineMigration(
      db.client,
      { slug: 'om_first', upSql: 'CREATE TABLE om_first (id int);', downSql: 'DROP TABLE om_first;', source: 'test', createdBy: null },
      clock(),
    );
    await migrate(db.client, dir);
    mkdirSync(path.join(dir, '9000_later_file'));
    writeFileSync(path.join(dir, '9000_later_file/up.sql'), 'CREATE TABLE om_later (id int);\n');
    writeFileSync(path.join(dir, '9000_later_file/down.sql'), 'DROP TABLE om_later;\n');
    const { applied } = await migrate(db.client, dir);
    expect(applied.map((a) => a.name)).toEqual(['9000_later_file']);
    // Rolled back newest first by time: the file, then the online one.
    const { rolledBack } = await rollback(db.client, dir, { count: 2 });
    expect(rolledBack.map((r) => r.name)).toEqual(['9000_later_file', expect.stringMatching(/^online_\d{14}_om_first$/)]);
    expect(await tables()).not.toContain('om_first');
  });
});
