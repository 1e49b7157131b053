// The hand-written SQL splitter and the down.sql generator, without a database.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDownSql, lineAt, splitSql } from '../../server/data/migrations';
import { pgPositionToOffset } from '../../server/data/migrations/sql-splitter';

describe('splitSql', () => {
  it('does not split on semicolons inside strings, identifiers, dollar quotes and comments', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      "SELECT E'back\\'slash; quote', e'\\\\'",
      'CREATE TABLE "we;ird" ("a;b" int)',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$',
      'SELECT $$;$$, $a$ $$ ; $a$',
      'SELECT 1 /* one; /* nested; */ still; comment */ + 2 -- trailing; comment\n',
      "SELECT U&'d\\0061t;a', B'101', X'1F'",
    ].join(';\n');
    const parts = splitSql(sql).map((s) => s.text);
    expect(parts).toHaveLength(7);
    expect(parts[1]).toBe("SELECT E'back\\'slash; quote', e'\\\\'");
    expect(parts[3]).toContain('$body$ BEGIN RETURN 1; END; $body$');
    expect(parts[5]).toBe('SELECT 1 /* one; /* nested; */ still; comment */ + 2');
  });

  it('keeps an SQL-standard function body (BEGIN ATOMIC … END) in one statement', () => {
    const sql = `CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
  SELECT 2;
END;
CREATE TABLE after_it (a int);`;
    const parts = splitSql(sql);
    expect(parts.map((p) => p.line)).toEqual([1, 6]);
    expect(parts[0]!.text.endsWith('END')).toBe(true);
  });

  it('drops comment-only pieces and reports 1-based start lines', () => {
    const sql = '-- afirgen:no-transaction\n-- why\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- done\n';
    const parts = splitSql(sql);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.line).toBe(4);
    expect(splitSql('-- nothing\n/* here */ ;; ')).toEqual([]);
  });

  it('does not take $1 parameters or a$b identifiers for dollar quotes', () => {
    expect(splitSql('SELECT $1; SELECT a$b$ FROM t; SELECT 3').map((s) => s.text)).toEqual(['SELECT $1', 'SELECT a$b$ FROM t', 'SELECT 3']);
  });

  // Statements built from pieces that each hide a ';', '--' or quote; joined with ';'
  // and split again, they must come back exactly, on the lines they started on.
  it('splits any join of tricky statements back into the same statements', () => {
    const piece = fc.constantFrom(
      "'a;b'", "'it''s;'", "E'x\\';y'", '"q;uo""te"', '$$ ; $$', '$t$ ;$$; $t$', '/* c; /* n; */ */', '-- line; comment\n',
      'x', '42', '(1, 2)', '\n', "U&'\\0041;'", 'a$b', '$1',
    );
    const statement = fc.array(piece, { maxLength: 6 }).map((ps) => `SELECT ${ps.join(' ')} z`);
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), fc.constantFrom(';', ';\n', ' ;\n\n'), (stmts, sep) => {
        const sql = stmts.join(sep) + sep;
        const parts = splitSql(sql);
        expect(parts.map((p) => p.text)).toEqual(stmts);
        let offset = 0;
        stmts.forEach((s, i) => {
          expect(parts[i]!.line).toBe(lineAt(sql, offset));
          offset += s.length + sep.length;
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('line mapping', () => {
  it('counts PostgreSQL positions in code points, not UTF-16 units', () => {
    const text = "SELECT '😀😀'\n, nope";
    // PostgreSQL: "nope" starts at character 15 (1-based); in UTF-16 it is index 16.
    expect(text.indexOf('nope')).toBe(16);
    expect(pgPositionToOffset(text, 15)).toBe(16);
    expect(lineAt(text, pgPositionToOffset(text, 15))).toBe(2);
    expect(lineAt('a\nb\nc', 0)).toBe(1);
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});

describe('generateDownSql', () => {
  const down = (up: string) => generateDownSql(up);

  it('reverses the DDL it knows, in reverse order', () => {
    const up = `CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TABLE public.person (id int PRIMARY KEY, m mood);
CREATE UNIQUE INDEX person_m_idx ON public.person (m);
ALTER TABLE person ADD COLUMN nick text, ADD CONSTRAINT nick_len CHECK (length(nick) < 20), ADD age int;
CREATE SEQUENCE s; CREATE VIEW v AS SELECT 1; CREATE MATERIALIZED VIEW mv AS SELECT 1;
CREATE EXTENSION citext; CREATE FUNCTION add1(x int) RETURNS int AS $$ SELECT x + 1 $$ LANGUAGE sql;
CREATE UNLOGGED TABLE "Odd Name" (a int);`;
    const { sql, unreversed } = down(up);
    expect(unreversed).toEqual([]);
    expect(sql).toBe(
      [
        'DROP TABLE "Odd Name";',
        'DROP FUNCTION add1;',
        'DROP EXTENSION citext;',
        'DROP MATERIALIZED VIEW mv;',
        'DROP VIEW v;',
        'DROP SEQUENCE s;',
        'ALTER TABLE person DROP COLUMN age, DROP CONSTRAINT nick_len, DROP COLUMN nick;',
        'DROP INDEX public.person_m_idx;',
        'DROP TABLE public.person;',
        'DROP TYPE mood;',
      ].join('\n') + '\n',
    );
  });

  it('keeps the no-transaction marker and drops a concurrent index IF EXISTS', () => {
    const { sql } = down('-- afirgen:no-transaction\nCREATE INDEX CONCURRENTLY fir_x_idx ON fir (narrative);\n');
    expect(sql).toBe('-- afirgen:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS fir_x_idx;\n');
  });

  it('leaves a TODO for what it cannot reverse with certainty', () => {
    const up = [
      'UPDATE fir SET status = \'closed\'',
      'CREATE INDEX ON fir (status)',
      'CREATE TABLE IF NOT EXISTS t (a int)',
      'CREATE OR REPLACE VIEW v AS SELECT 1',
      'ALTER TABLE fir ADD COLUMN x int, ALTER COLUMN narrative DROP NOT NULL',
      'ALTER TABLE fir ADD PRIMARY KEY (id)',
      'CREATE TABLE ok (a int)',
    ].join(';\n');
    const { sql, unreversed } = down(up);
    expect(unreversed).toHaveLength(6);
    expect(sql.split('\n')[0]).toBe('DROP TABLE ok;');
    expect(sql).toContain("-- TODO: reverse: UPDATE fir SET status = 'closed'");
    expect(sql).toContain('-- TODO: reverse: ALTER TABLE fir ADD COLUMN x int, ALTER COLUMN narrative DROP NOT NULL');
  });

  it('puts a multi-line unreversible statement on one comment line', () => {
    const { sql } = down('UPDATE fir\nSET narrative = \'x\'\nWHERE false;');
    expect(sql).toBe("-- TODO: reverse: UPDATE fir SET narrative = 'x' WHERE false\n");
  });
});
