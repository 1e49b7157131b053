// A comparable picture of one schema, read from pg_catalog: two snapshots are equal
// exactly when the schemas are. The reversibility tests compare them before and after
// up + down. The runner's own table and objects owned by extensions are left out.
import type pg from 'pg';
import { HISTORY_TABLE } from './history';

export type SchemaSnapshot = {
  extensions: string[];
  relations: { name: string; kind: string; persistence: string }[];
  columns: { table: string; position: number; name: string; type: string; notNull: boolean; default: string | null; identity: string; generated: string; collation: string | null }[];
  indexes: { table: string; name: string; definition: string }[];
  constraints: { table: string; name: string; type: string; definition: string }[];
  types: { name: string; kind: string; detail: string[] }[];
  sequences: { name: string; definition: string }[];
  views: { name: string; definition: string }[];
  functions: { signature: string; definition: string }[];
  triggers: { table: string; name: string; definition: string }[];
};

// Relations of the schema minus the history table and extension members.
const RELS = `
  SELECT c.oid, c.relname, c.relkind, c.relpersistence FROM pg_class c
  WHERE c.relnamespace = $1::regnamespace AND c.relname <> '${HISTORY_TABLE}'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

const QUERIES = {
  extensions: `SELECT extname AS name FROM pg_extension WHERE extnamespace = $1::regnamespace ORDER BY 1`,
  relations: `WITH r AS (${RELS}) SELECT relname AS name, relkind AS kind, relpersistence AS persistence
    FROM r WHERE relkind IN ('r','p','v','m','S','f','c') ORDER BY 1`,
  columns: `WITH r AS (${RELS}) SELECT r.relname AS "table",
      row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum)::int AS position, a.attname AS name,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
      pg_get_expr(ad.adbin, ad.adrelid) AS "default", a.attidentity AS identity, a.attgenerated AS generated,
      CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation
    FROM r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE r.relkind IN ('r','p','v','m','f','c') ORDER BY 1, 2`,
  indexes: `WITH r AS (${RELS}) SELECT t.relname AS "table", r.relname AS name, pg_get_indexdef(r.oid) AS definition
    FROM r JOIN pg_index i ON i.indexrelid = r.oid JOIN pg_class t ON t.oid = i.indrelid
    WHERE t.relname <> '${HISTORY_TABLE}' ORDER BY 1, 2`,
  constraints: `SELECT COALESCE(c.relname, ty.typname) AS "table", con.conname AS name, con.contype AS type,
      pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type ty ON ty.oid = con.contypid
    WHERE con.connamespace = $1::regnamespace AND COALESCE(c.relname, '') <> '${HISTORY_TABLE}'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid IN (con.conrelid, con.contypid) AND d.deptype = 'e')
    ORDER BY 1, 2`,
  types: `SELECT t.typname AS name, t.typtype AS kind, CASE t.typtype
        WHEN 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
        WHEN 'd' THEN ARRAY[format_type(t.typbasetype, t.typtypmod), t.typnotnull::text, COALESCE(t.typdefault, '')]
        WHEN 'r' THEN ARRAY(SELECT format_type(rngsubtype, NULL) FROM pg_range WHERE rngtypid = t.oid)
        ELSE ARRAY[]::text[] END AS detail
    FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid
    WHERE t.typnamespace = $1::regnamespace AND (t.typtype IN ('e','d','r') OR c.relkind = 'c')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    ORDER BY 1`,
  sequences: `WITH r AS (${RELS}) SELECT r.relname AS name, concat_ws(' ', format_type(s.seqtypid, NULL),
      'start', s.seqstart, 'increment', s.seqincrement, 'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache,
      CASE WHEN s.seqcycle THEN 'cycle' END,
      (SELECT 'owned by ' || t.relname || '.' || a.attname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.deptype IN ('a','i'))) AS definition
    FROM r JOIN pg_sequence s ON s.seqrelid = r.oid ORDER BY 1`,
  views: `WITH r AS (${RELS}) SELECT relname AS name, pg_get_viewdef(oid) AS definition FROM r WHERE relkind IN ('v','m') ORDER BY 1`,
  functions: `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
      CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE pg_get_functiondef(p.oid) END AS definition
    FROM pg_proc p WHERE p.pronamespace = $1::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1`,
  triggers: `WITH r AS (${RELS}) SELECT r.relname AS "table", tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
    FROM r JOIN pg_trigger tg ON tg.tgrelid = r.oid WHERE NOT tg.tgisinternal ORDER BY 1, 2`,
} as const satisfies Record<keyof SchemaSnapshot, string>;

export async function snapshotSchema(client: pg.Client, schema = 'public'): Promise<SchemaSnapshot> {
  const out: Record<string, unknown[]> = {};
  // One after another: a pg.Client runs one query at a time anyway.
  for (const [key, sql] of Object.entries(QUERIES)) {
    const { rows } = await client.query(sql, [schema]);
    out[key] = key === 'extensions' ? rows.map((r: { name: string }) => r.name) : rows;
  }
  return out as SchemaSnapshot;
}

/** True when the snapshot has no objects at all (a freshly created or fully rolled back schema). */
export function isEmptySnapshot(s: SchemaSnapshot): boolean {
  return Object.values(s).every((v) => v.length === 0);
}
