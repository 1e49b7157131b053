// Migration files on disk: validation, checksums, history comparison, scaffolding.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf, readMigrations, scaffoldMigration } from '../../server/data/migrations';
import { problemsWithMigration, problemsWithSql } from '../../server/data/migrations/migration-files';
import { assertHistoryIntact, compareDiskAndHistory } from '../../server/data/migrations/migration-status';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'mig-unit-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function write(dir: string, name: string, up: string, down?: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'up.sql'), up);
  if (down !== undefined) writeFileSync(path.join(dir, name, 'down.sql'), down);
}

describe('problemsWithSql', () => {
  it('accepts an ordinary file and a one-statement no-transaction file', () => {
    expect(problemsWithSql('up.sql', 'CREATE TABLE a (x int);\nCREATE TABLE b (y int);')).toEqual([]);
    expect(problemsWithSql('up.sql', '-- afirgen:no-transaction\nCREATE INDEX CONCURRENTLY i ON a (x);\n')).toEqual([]);
  });

  it('refuses a no-transaction file with more than one statement', () => {
    const p = problemsWithSql('0002_x/up.sql', '-- afirgen:no-transaction\nCREATE INDEX CONCURRENTLY i ON a (x);\nCREATE INDEX CONCURRENTLY j ON a (x);');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/0002_x\/up\.sql is marked "-- afirgen:no-transaction" but has 2 statements/);
  });

  it('refuses the marker anywhere but the first line, TODO lines, empty files and transaction control', () => {
    expect(problemsWithSql('f', 'SELECT 1;\n-- afirgen:no-transaction\n')[0]).toMatch(/only counts as the first line \(it is on line 2\)/);
    expect(problemsWithSql('f', 'DROP TABLE a;\n-- TODO: reverse: UPDATE a SET x = 1\n')[0]).toMatch(/TODO/);
    expect(problemsWithSql('f', '-- nothing yet\n')[0]).toMatch(/has no statements/);
    expect(problemsWithSql('f', 'BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;')).toEqual([
      'f:1: BEGIN — the runner wraps each migration in its own transaction',
      'f:3: COMMIT — the runner wraps each migration in its own transaction',
    ]);
  });

  it('requires a down.sql', () => {
    const m = { name: '0002_x', dir: '', upSql: 'CREATE TABLE a (x int);', downSql: null, checksum: '' };
    expect(problemsWithMigration(m)).toEqual([
      '0002_x has no down.sql: every migration needs one (`npm run db -- new` generates it)',
    ]);
  });
});

describe('readMigrations', () => {
  it('reads migrations in name order with the checksum of up.sql followed by down.sql', () => {
    const dir = tempDir();
    write(dir, '0002_b', 'CREATE TABLE b (x int);', 'DROP TABLE b;');
    write(dir, '0001_a', 'CREATE TABLE a (x int);');
    writeFileSync(path.join(dir, 'README.md'), 'files are ignored');
    const ms = readMigrations(dir);
    expect(ms.map((m) => m.name)).toEqual(['0001_a', '0002_b']);
    expect(ms[0]!.downSql).toBeNull();
    expect(ms[1]!.checksum).toBe(checksumOf('CREATE TABLE b (x int);', 'DROP TABLE b;'));
    expect(ms[1]!.checksum).not.toBe(checksumOf('CREATE TABLE b (x int);', 'DROP TABLE b; '));
  });

  it('refuses directories not named NNNN_name', () => {
    const dir = tempDir();
    write(dir, '0001_a', 'SELECT 1;', 'SELECT 1;');
    write(dir, '2-Bad', 'SELECT 1;', 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/2-Bad is not named NNNN_lower_snake_name/);
  });
});

describe('history versus disk', () => {
  const file = (name: string, up = 'SELECT 1;') => ({ name, dir: '', upSql: up, downSql: 'SELECT 1;', checksum: checksumOf(up, 'SELECT 1;') });
  const applied = (name: string, up = 'SELECT 1;') => ({ name, checksum: checksumOf(up, 'SELECT 1;'), appliedAt: new Date(0), durationMs: 3 });

  it('classifies applied, pending, modified and missing-on-disk', () => {
    const rows = compareDiskAndHistory(
      [file('0001_a'), file('0002_b', 'SELECT 2;'), file('0004_d')],
      [applied('0001_a'), applied('0002_b'), applied('0003_c')],
    );
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ['0001_a', 'applied'],
      ['0002_b', 'modified'],
      ['0003_c', 'missing-on-disk'],
      ['0004_d', 'pending'],
    ]);
    expect(() => assertHistoryIntact(rows, 'migrate')).toThrow(/^Refusing to migrate:[\s\S]*0002_b was edited after it was applied[\s\S]*write a new migration[\s\S]*0003_c is applied but its directory is missing on disk/);
  });

  it('refuses a pending migration that sorts before an applied one', () => {
    const rows = compareDiskAndHistory([file('0001_a'), file('0002_b')], [applied('0002_b')]);
    expect(() => assertHistoryIntact(rows, 'roll back')).toThrow(/^Refusing to roll back:[\s\S]*0001_a is pending but sorts before 0002_b/);
  });
});

describe('scaffoldMigration', () => {
  it('writes the next NNNN_name with a down.sql generated from up.sql', () => {
    const dir = tempDir();
    write(dir, '0007_old', 'SELECT 1;', 'SELECT 1;');
    const m = scaffoldMigration(dir, 'Add FIR station-code', 'ALTER TABLE fir ADD COLUMN station_code text;\nUPDATE fir SET station_code = \'x\';\n');
    expect(m.name).toBe('0008_add_fir_station_code');
    expect(m.unreversed).toEqual(["UPDATE fir SET station_code = 'x'"]);
    expect(readFileSync(path.join(m.dir, 'down.sql'), 'utf8')).toBe(
      "-- TODO: reverse: UPDATE fir SET station_code = 'x'\nALTER TABLE fir DROP COLUMN station_code;\n",
    );
  });

  it('starts the numbering at 0001 and writes templates without up SQL', () => {
    const dir = path.join(tempDir(), 'migrations');
    const m = scaffoldMigration(dir, 'init');
    expect(m.name).toBe('0001_init');
    expect(problemsWithSql('up.sql', readFileSync(path.join(m.dir, 'up.sql'), 'utf8'))[0]).toMatch(/no statements/);
  });
});

describe('unsupportedFields', () => {
  it('reads Unsupported fields with their column, type and optionality from model blocks only', async () => {
    const { unsupportedFields } = await import('@/server/data/migrations/unsupported-fields');
    const text = `model A {\n  id Int @id\n  search Unsupported("tsvector")? // full text\n}\n\nmodel B {\n  v Unsupported("ltree") @map("path_col")\n}\nenum E {\n  x\n}\n`;
    expect(unsupportedFields(text)).toEqual([
      { model: 'A', name: 'search', type: 'tsvector', optional: true, column: 'search' },
      { model: 'B', name: 'v', type: 'ltree', optional: false, column: 'path_col' },
    ]);
  });
});
