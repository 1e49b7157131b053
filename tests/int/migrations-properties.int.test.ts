// Property tests of the migration runner against a real PostgreSQL (a scratch database
// per file, its public schema reset between runs). Migrations are generated as SQL
// files in a temporary directory and applied through the runner, as the CLI does.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checksumOf,
  generateDownSql,
  isEmptySnapshot,
  lineAt,
  migrate,
  readHistory,
  readMigrations,
  rollback,
  snapshotSchema,
} from '../../server/data/migrations';
import { createScratchDb, type ScratchDb } from '../helpers/scratch-db';

const REAL_MIGRATIONS = path.resolve(import.meta.dirname, '../../prisma/migrations');
const RUNS = 20; // each run does DDL on a real server

let db: ScratchDb;
const dirs: string[] = [];
beforeAll(async () => {
  db = await createScratchDb();
});
afterAll(async () => {
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeMigrations(files: { up: string; down?: string }[]): { dir: string; names: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mig-prop-'));
  dirs.push(dir);
  const names = files.map((f, i) => {
    const name = `${String(i + 1).padStart(4, '0')}_generated_${i + 1}`;
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'up.sql'), f.up);
    writeFileSync(path.join(dir, name, 'down.sql'), f.down ?? generateDownSql(f.up).sql);
    return name;
  });
  return { dir, names };
}

// ---- generated forward migrations ------------------------------------------------
// Abstract operations, turned into valid SQL against the objects made so far. Names
// and literals deliberately carry ';', '--', quotes and spaces to exercise the splitter.
const TYPES: [string, string][] = [
  ['integer', '42'], ['bigint', '7'], ['smallint', '3'], ['text', "'it''s; -- not a comment'"],
  ['varchar(40)', "'a;b'"], ['numeric(10,2)', '1.50'], ['boolean', 'true'], ['timestamptz(3)', 'now()'],
  ['date', 'CURRENT_DATE'], ['uuid', 'gen_random_uuid()'], ['jsonb', `'{"k": "/* ; */"}'::jsonb`],
  ['double precision', '0.5'], ['text[]', "ARRAY['x;y']::text[]"],
];
const col = fc.record({ type: fc.nat(), notNull: fc.boolean(), withDefault: fc.boolean(), unique: fc.boolean(), quoted: fc.boolean() });
const op = fc.oneof(
  fc.record({ k: fc.constant('enum' as const), labels: fc.integer({ min: 1, max: 4 }), quoted: fc.boolean() }),
  fc.record({ k: fc.constant('table' as const), cols: fc.array(col, { minLength: 1, maxLength: 4 }), pk: fc.boolean(), quoted: fc.boolean() }),
  fc.record({ k: fc.constant('index' as const), table: fc.nat(), cols: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), unique: fc.boolean(), desc: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) }),
  fc.record({ k: fc.constant('add' as const), table: fc.nat(), col, constraint: fc.constantFrom('none', 'check', 'unique') }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
type State = { n: number; enums: { name: string; label: string }[]; tables: { name: string; cols: string[] }[] };
const newState = (): State => ({ n: 0, enums: [], tables: [] });

function ident(s: State, prefix: string, quoted: boolean): string {
  s.n++;
  return quoted ? `"${prefix.toUpperCase()} ${s.n}; --x"` : `${prefix}_${s.n}`;
}

function columnSql(s: State, c: Fc<typeof col>, name: string): string {
  const types: [string, string][] = [...TYPES, ...s.enums.map((e): [string, string] => [e.name, e.label])];
  const [type, dflt] = types[c.type % types.length]!;
  return `${name} ${type}${c.notNull ? ' NOT NULL' : ''}${c.withDefault ? ` DEFAULT ${dflt}` : ''}${c.unique ? ' UNIQUE' : ''}`;
}
type Fc<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** SQL for one op, or undefined when it has nothing to act on yet (an index before any table). */
function opSql(s: State, o: Op): string | undefined {
  switch (o.k) {
    case 'enum': {
      const name = ident(s, 'mood', o.quoted);
      const labels = Array.from({ length: o.labels }, (_, i) => [`'a;${i}'`, "'it''s'", "'x--y'", "'/*z*/'"][i]!);
      s.enums.push({ name, label: labels[0]! });
      return `CREATE TYPE ${name} AS ENUM (${labels.join(', ')})`;
    }
    case 'table': {
      const name = ident(s, 'tab', o.quoted);
      const cols = o.cols.map((c) => ({ name: ident(s, 'col', c.quoted), c }));
      const lines = cols.map(({ name: cn, c }) => `  ${columnSql(s, c, cn)}`);
      if (o.pk) lines.push(`  PRIMARY KEY (${cols[0]!.name})`);
      s.tables.push({ name, cols: cols.map((c) => c.name) });
      return `CREATE TABLE ${name} (\n${lines.join(',\n')}\n)`;
    }
    case 'index': {
      const t = s.tables[o.table % Math.max(1, s.tables.length)];
      if (!t) return undefined;
      const cols = [...new Set(o.cols.map((i) => t.cols[i % t.cols.length]!))];
      const name = ident(s, 'idx', false);
      return `CREATE ${o.unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${t.name} (${cols.map((c, i) => `${c}${o.desc[i] ? ' DESC' : ''}`).join(', ')})`;
    }
    case 'add': {
      const t = s.tables[o.table % Math.max(1, s.tables.length)];
      if (!t) return undefined;
      const cn = ident(s, 'col', o.col.quoted);
      t.cols.push(cn);
      const extra = o.constraint === 'none' ? '' : `,\n  ADD CONSTRAINT ${ident(s, 'con', false)} ${o.constraint === 'check' ? `CHECK (${cn} IS NOT NULL OR true)` : `UNIQUE (${cn})`}`;
      return `ALTER TABLE ${t.name}\n  ADD COLUMN ${columnSql(s, o.col, cn)}${extra}`;
    }
  }
}

/** A migration file: the statements, with comments and blank lines between them. */
function fileOf(statements: string[], noise: boolean[]): string {
  return statements.map((st, i) => `${noise[i % noise.length] ? "-- why: it's here; really\n\n" : ''}${st};\n`).join('');
}
const migrationOps = fc.array(op, { minLength: 1, maxLength: 6 });
const noise = fc.array(fc.boolean(), { minLength: 1, maxLength: 4 });
const statementsOf = (s: State, ops: Op[]) => ops.map((o) => opSql(s, o)).filter((x): x is string => x !== undefined);

// ---- failing statements ------------------------------------------------------------
// Each fails when run; `line` is the line of the statement, counted from 0, that the
// error must be reported on (PostgreSQL gives a position for some, none for others).
const FAILING: { sql: string; line: number }[] = [
  { sql: 'SELECT 1,\n  no_such_column\nFROM (SELECT 1) AS s', line: 1 },
  { sql: 'CREATE TABLE bad (\n  a int,\n  b no_such_type\n)', line: 2 },
  { sql: 'CREATE TABL bad (a int)', line: 0 },
  { sql: 'SELECT 1 / 0', line: 0 },
  { sql: 'ALTER TABLE no_such_table\n  ADD COLUMN a int', line: 0 },
  { sql: "CREATE TYPE dup AS ENUM (\n  'a',\n  'a'\n)", line: 0 },
  // Characters outside the BMP: PostgreSQL counts them as one, JavaScript as two.
  { sql: "SELECT '😀 ; 😀',\nalso_no_such_column\nFROM (SELECT 1) AS s", line: 1 },
];

describe('migration properties', () => {
  // Property 36 (backend-optimization): database migration reversibility
  // Property 34 (db-cache-infrastructure): rollback script generation — a rollback script exists for every forward migration
  it('the project migrations: applying j+1..k and rolling them back restores the schema after 1..j', async () => {
    const real = readMigrations(REAL_MIGRATIONS);
    expect(real.length).toBeGreaterThan(0);
    for (const m of real) expect(m.downSql, `${m.name} has a down.sql`).not.toBeNull();
    const range = fc.integer({ min: 1, max: real.length }).chain((k) => fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.constant(k)));
    await fc.assert(
      fc.asyncProperty(range, async ([j, k]) => {
        await db.resetSchema();
        await migrate(db.client, REAL_MIGRATIONS, { count: j });
        const before = await snapshotSchema(db.client);
        await migrate(db.client, REAL_MIGRATIONS, { count: k - j });
        expect((await readHistory(db.client)).length).toBe(k);
        await rollback(db.client, REAL_MIGRATIONS, { count: k - j });
        expect(await snapshotSchema(db.client)).toEqual(before);
      }),
      { numRuns: Math.min(RUNS, (real.length * (real.length + 1)) / 2 + 2) },
    );
    await db.resetSchema();
    const empty = await snapshotSchema(db.client);
    expect(isEmptySnapshot(empty)).toBe(true);
    await migrate(db.client, REAL_MIGRATIONS);
    expect(isEmptySnapshot(await snapshotSchema(db.client))).toBe(false);
    await rollback(db.client, REAL_MIGRATIONS, { count: real.length });
    expect(await snapshotSchema(db.client)).toEqual(empty);
  });

  // Property 36 (backend-optimization): database migration reversibility
  // Property 34 (db-cache-infrastructure): rollback script generation — the generated down.sql undoes its up.sql
  it('generated migrations: up then the generated down.sql restores the snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(migrationOps, migrationOps, noise, async (opsA, opsB, nz) => {
        const s = newState();
        const upA = fileOf(statementsOf(s, opsA), nz);
        const upB = fileOf(statementsOf(s, opsB), nz);
        fc.pre(upA.length > 0 && upB.length > 0);
        expect(generateDownSql(upA).unreversed).toEqual([]);
        expect(generateDownSql(upB).unreversed).toEqual([]);
        const { dir } = writeMigrations([{ up: upA }, { up: upB }]);
        await db.resetSchema();
        const empty = await snapshotSchema(db.client);
        await migrate(db.client, dir, { count: 1 });
        const afterA = await snapshotSchema(db.client);
        await migrate(db.client, dir);
        expect(await snapshotSchema(db.client)).not.toEqual(afterA);
        await rollback(db.client, dir);
        expect(await snapshotSchema(db.client)).toEqual(afterA);
        await rollback(db.client, dir);
        expect(await snapshotSchema(db.client)).toEqual(empty);
      }),
      { numRuns: RUNS },
    );
  });

  // Property 31 (db-cache-infrastructure): schema version history
  it('every applied migration is in schema_migrations with its checksum, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(migrationOps, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }), async (files, batches) => {
        const s = newState();
        const ups = files.map((ops) => fileOf(statementsOf(s, ops), [false])).filter((u) => u.length > 0);
        fc.pre(ups.length > 0);
        const { dir, names } = writeMigrations(ups.map((up) => ({ up })));
        const onDisk = readMigrations(dir);
        await db.resetSchema();
        let applied = 0;
        for (const batch of batches) {
          if (applied >= names.length) break;
          const res = await migrate(db.client, dir, { count: batch });
          expect(res.applied.map((a) => a.name)).toEqual(names.slice(applied, applied + batch));
          applied = Math.min(names.length, applied + batch);
          const history = await readHistory(db.client);
          expect(history.map((h) => h.name)).toEqual(names.slice(0, applied));
          history.forEach((h, i) => {
            expect(h.checksum).toBe(checksumOf(onDisk[i]!.upSql, onDisk[i]!.downSql));
            expect(h.durationMs).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(h.appliedAt.getTime()).toBeGreaterThanOrEqual(history[i - 1]!.appliedAt.getTime());
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  // Property 32 (db-cache-infrastructure): transactional migrations
  // Property 33 (db-cache-infrastructure): migration rollback on failure
  it('a migration with a failing statement anywhere leaves the schema as it was, records nothing, and names file and line', async () => {
    await fc.assert(
      fc.asyncProperty(migrationOps, migrationOps, noise, fc.nat(), fc.constantFrom(...FAILING), async (opsA, opsB, nz, at, bad) => {
        const s = newState();
        const upA = fileOf(statementsOf(s, opsA), nz);
        const stmtsB = statementsOf(s, opsB);
        const pos = at % (stmtsB.length + 1);
        stmtsB.splice(pos, 0, bad.sql);
        const upB = fileOf(stmtsB, nz);
        // The line the failing statement starts on plus the line within it.
        const expectedLine = lineAt(upB, upB.indexOf(bad.sql)) + bad.line;
        fc.pre(upA.length > 0);
        const { dir, names } = writeMigrations([{ up: upA }, { up: upB, down: 'SELECT 1;\n' }]);
        await db.resetSchema();
        await migrate(db.client, dir, { count: 1 });
        const before = await snapshotSchema(db.client);

        const err = await migrate(db.client, dir).then(() => undefined, (e: unknown) => e as Error & { details?: Record<string, unknown> });
        expect(err).toBeDefined();
        expect(err!.message).toContain(`${path.join(dir, names[1]!, 'up.sql')}:${expectedLine}: `);
        expect(err!.message).toMatch(/\(SQLSTATE [0-9A-Z]{5}\)/);
        expect(err!.message).toContain(`nothing of ${names[1]} is applied or recorded`);
        expect(err!.details?.line).toBe(expectedLine);
        expect(await snapshotSchema(db.client)).toEqual(before);
        expect((await readHistory(db.client)).map((h) => h.name)).toEqual([names[0]]);
      }),
      { numRuns: RUNS },
    );
  });
});
