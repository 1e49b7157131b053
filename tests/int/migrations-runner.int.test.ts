// The runner's refusals and its concurrency, against a real PostgreSQL: one scratch
// database for the file, its public schema reset before each test.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migrate, migrationStatus, readHistory, rollback, snapshotSchema } from '../../server/data/migrations';
import { createScratchDb, type ScratchDb } from '../helpers/scratch-db';

let db: ScratchDb;
let dir: string;
beforeAll(async () => {
  db = await createScratchDb();
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  await db.resetSchema();
  dir = mkdtempSync(path.join(tmpdir(), 'mig-runner-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

function write(name: string, up: string, down: string | null) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'up.sql'), up);
  if (down !== null) writeFileSync(path.join(dir, name, 'down.sql'), down);
}
const names = async () => (await readHistory(db.client)).map((h) => h.name);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { code?: string });

describe('migration runner', () => {
  it('refuses to go on when an applied migration was edited, and names it', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    await migrate(db.client, dir);
    write('0001_a', 'CREATE TABLE a (x int, y int);\n', 'DROP TABLE a;\n');
    write('0002_b', 'CREATE TABLE b (x int);\n', 'DROP TABLE b;\n');
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toMatch(/0001_a was edited after it was applied[\s\S]*write a new migration for the change instead/);
    expect(await names()).toEqual(['0001_a']);
    expect((await migrationStatus(db.client, dir)).map((r) => [r.name, r.state])).toEqual([
      ['0001_a', 'modified'],
      ['0002_b', 'pending'],
    ]);
    // Rolling back on top of an edited file would run a down.sql that no longer matches.
    expect((await failure(rollback(db.client, dir)))?.message).toMatch(/0001_a was edited/);
  });

  it('refuses to go on when an applied migration is missing on disk', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    await migrate(db.client, dir);
    rmSync(path.join(dir, '0001_a'), { recursive: true });
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toMatch(/0001_a is applied but its directory is missing on disk[\s\S]*write a new migration instead/);
    expect((await migrationStatus(db.client, dir))[0]?.state).toBe('missing-on-disk');
  });

  it('refuses a migration without down.sql and applies nothing of the run', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    write('0002_b', 'CREATE TABLE b (x int);\n', null);
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toMatch(/Refusing to migrate: nothing was applied[\s\S]*0002_b has no down\.sql/);
    expect(await names()).toEqual([]);
    expect((await snapshotSchema(db.client)).relations).toEqual([]);
  });

  it('refuses a non-transactional migration with more than one statement', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    write(
      '0002_idx',
      '-- afirgen:no-transaction\nCREATE INDEX CONCURRENTLY a_x ON a (x);\nCREATE INDEX CONCURRENTLY a_x2 ON a (x);\n',
      '-- afirgen:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS a_x;\n',
    );
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toMatch(/0002_idx\/up\.sql is marked "-- afirgen:no-transaction" but has 2 statements/);
    expect(await names()).toEqual([]);
  });

  it('applies and rolls back a CREATE INDEX CONCURRENTLY migration', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\nINSERT INTO a SELECT g FROM generate_series(1, 1000) g;\n', 'DROP TABLE a;\n');
    write('0002_idx', '-- afirgen:no-transaction\nCREATE INDEX CONCURRENTLY a_x_idx ON a (x);\n', '-- afirgen:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS a_x_idx;\n');
    const { applied } = await migrate(db.client, dir);
    expect(applied.map((a) => a.name)).toEqual(['0001_a', '0002_idx']);
    expect((await snapshotSchema(db.client)).indexes.map((i) => i.name)).toEqual(['a_x_idx']);
    await rollback(db.client, dir);
    expect((await snapshotSchema(db.client)).indexes).toEqual([]);
    expect(await names()).toEqual(['0001_a']);
  });

  it('cleans up after a failed CREATE INDEX CONCURRENTLY with its down.sql and reports both', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\nINSERT INTO a VALUES (1), (1);\n', 'DROP TABLE a;\n');
    write('0002_idx', '-- afirgen:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY a_x_key ON a (x);\n', '-- afirgen:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS a_x_key;\n');
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toContain(`${path.join(dir, '0002_idx', 'up.sql')}:2: could not create unique index "a_x_key"`);
    expect(err?.message).toMatch(/its down\.sql was run to clean up and succeeded/);
    expect(err?.message).toMatch(/still applied[^\n]*0001_a/);
    // Without the clean-up an INVALID a_x_key would be left behind.
    expect((await snapshotSchema(db.client)).indexes).toEqual([]);
    expect(await names()).toEqual(['0001_a']);
  });

  it('stops at the first failure, keeps what was applied before it, and says so', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    write('0002_b', 'CREATE TABLE b (x int);\n\nINSERT INTO b VALUES (1);\nINSERT INTO b\n  VALUES (\'nope\');\n', 'DROP TABLE b;\n');
    write('0003_c', 'CREATE TABLE c (x int);\n', 'DROP TABLE c;\n');
    const err = await failure(migrate(db.client, dir));
    expect(err?.message).toContain(`${path.join(dir, '0002_b', 'up.sql')}:5: invalid input syntax for type integer: "nope" (SQLSTATE 22P02)`);
    expect(err?.message).toMatch(/Applied before it in this run, and still applied[^\n]*0001_a/);
    expect(err?.message).toMatch(/Not attempted: 0003_c/);
    expect(await names()).toEqual(['0001_a']);
    expect((await snapshotSchema(db.client)).relations.map((r) => r.name)).toEqual(['a']);
  });

  it('lets two concurrent runners apply each migration exactly once', async () => {
    // The first migration holds the lock long enough for the second runner to have to wait.
    write('0001_slow', 'CREATE TABLE a (x int);\nSELECT pg_sleep(1);\n', 'DROP TABLE a;\n');
    write('0002_b', 'CREATE TABLE b (x int);\n', 'DROP TABLE b;\n');
    const logs: string[][] = [[], []];
    // Start the second runner only once the first holds the lock and is applying.
    let firstIsApplying!: () => void;
    const applying = new Promise<void>((resolve) => (firstIsApplying = resolve));
    const first = migrate(db.url, dir, {
      log: (l) => {
        logs[0]!.push(l);
        if (l.startsWith('applying 0001_slow')) firstIsApplying();
      },
    });
    await applying;
    const second = migrate(db.url, dir, { log: (l) => logs[1]!.push(l) });
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1.applied.map((a) => a.name)).toEqual(['0001_slow', '0002_b']);
    expect(r2.applied).toEqual([]);
    expect(logs[1]![0]).toMatch(/^waiting for another migration runner… \(held by backend pid \d+, afirgen-migrations\)$/);
    expect(logs[1]).toContain('nothing to apply: the database is up to date');
    expect(await names()).toEqual(['0001_slow', '0002_b']);
  });

  it('gives up waiting for the lock after the timeout with a clear message', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', 'DROP TABLE a;\n');
    const holder = new pg.Client({ connectionString: db.url, application_name: 'test-lock-holder' });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const err = await failure(migrate(db.url, dir, { lockTimeoutMs: 300 }));
      expect(err?.message).toMatch(/Timed out after 0.3 s waiting for another migration runner \(held by backend pid \d+, test-lock-holder\)/);
      expect(err?.code).toBe('UNAVAILABLE');
    } finally {
      await holder.end();
    }
    expect(await names()).toEqual([]);
  });

  it('rolls back n migrations newest first, each with its history row', async () => {
    for (const n of ['a', 'b', 'c']) write(`000${'abc'.indexOf(n) + 1}_${n}`, `CREATE TABLE ${n} (x int);\n`, `DROP TABLE ${n};\n`);
    await migrate(db.client, dir);
    const logs: string[] = [];
    const { rolledBack } = await rollback(db.client, dir, { count: 2, log: (l) => logs.push(l) });
    expect(rolledBack.map((r) => r.name)).toEqual(['0003_c', '0002_b']);
    expect(logs.filter((l) => l.startsWith('rolling back'))).toEqual(['rolling back 0003_c…', 'rolling back 0002_b…']);
    expect(await names()).toEqual(['0001_a']);
    expect((await snapshotSchema(db.client)).relations.map((r) => r.name)).toEqual(['a']);
  });

  it('keeps a migration applied when its down.sql fails, and names the line', async () => {
    write('0001_a', 'CREATE TABLE a (x int);\n', '-- undo\nDROP TABLE a;\nDROP TABLE not_there;\n');
    await migrate(db.client, dir);
    const err = await failure(rollback(db.client, dir));
    expect(err?.message).toContain(`${path.join(dir, '0001_a', 'down.sql')}:3: table "not_there" does not exist (SQLSTATE 42P01)`);
    expect(await names()).toEqual(['0001_a']);
    expect((await snapshotSchema(db.client)).relations.map((r) => r.name)).toEqual(['a']);
  });
});
