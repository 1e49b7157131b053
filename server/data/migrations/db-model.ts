// The migrated database described in the terms schema.prisma uses (tables, columns,
// enums, indexes, foreign keys), for the drift check in schema-drift.ts.
import type pg from 'pg';
import { HISTORY_TABLE } from './history';

export type DbColumn = { name: string; type: string; notNull: boolean; enumName: string | null };
export type DbIndex = {
  name: string;
  unique: boolean;
  primary: boolean;
  method: string;
  columns: { name: string; desc: boolean }[];
  /** an expression or partial index: nothing in schema.prisma can describe it */
  inexpressible: boolean;
};
export type DbForeignKey = { name: string; columns: string[]; refTable: string; refColumns: string[] };
export type DbTable = { name: string; columns: DbColumn[]; indexes: DbIndex[]; foreignKeys: DbForeignKey[] };
export type DbModel = { tables: DbTable[]; enums: { name: string; labels: string[] }[] };

// Objects an extension created are the extension's business, not schema.prisma's.
const EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

export async function readDbModel(client: pg.Client, schema = 'public'): Promise<DbModel> {
  const args = [schema, HISTORY_TABLE];
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r','p')
       AND c.relname <> $2 AND NOT c.relispartition AND NOT ${EXTENSION_MEMBER('pg_class', 'c.oid')} ORDER BY 1`,
    args,
  );
  const columns = await client.query<DbColumn & { table: string }>(
    `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS "notNull", CASE WHEN et.typtype = 'e' THEN et.typname END AS "enumName"
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       JOIN pg_type et ON et.oid = CASE WHEN t.typelem <> 0 AND t.typcategory = 'A' THEN t.typelem ELSE t.oid END
      WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r','p') AND c.relname <> $2 ORDER BY c.relname, a.attnum`,
    args,
  );
  const indexes = await client.query<DbIndex & { table: string }>(
    `SELECT t.relname AS "table", ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
            (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL) AS inexpressible,
            COALESCE((SELECT json_agg(json_build_object('name', a.attname, 'desc', (i.indoption[k.n - 1] & 1) = 1) ORDER BY k.n)
               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
              WHERE k.n <= i.indnkeyatts), '[]') AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam
      WHERE t.relnamespace = $1::regnamespace AND t.relname <> $2 ORDER BY 1, 2`,
    args,
  );
  const fks = await client.query<DbForeignKey & { table: string }>(
    `SELECT t.relname AS "table", con.conname AS name, rt.relname AS "refTable",
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS "refColumns"
       FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class rt ON rt.oid = con.confrelid
      WHERE con.contype = 'f' AND t.relnamespace = $1::regnamespace AND t.relname <> $2 ORDER BY 1, 2`,
    args,
  );
  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
       FROM pg_type t WHERE t.typnamespace = $1::regnamespace AND t.typtype = 'e'
        AND NOT ${EXTENSION_MEMBER('pg_type', 't.oid')} ORDER BY 1`,
    [schema],
  );
  const of = <T extends { table: string }>(rows: T[], table: string) =>
    rows.filter((r) => r.table === table).map(({ table: _table, ...rest }) => rest);
  return {
    tables: tables.rows.map(({ name }) => ({
      name,
      columns: of(columns.rows, name),
      indexes: of(indexes.rows, name),
      foreignKeys: of(fks.rows, name),
    })),
    enums: enums.rows,
  };
}
