// `new <name>`: creates the next NNNN_name/ directory with an up.sql and a down.sql
// generated from it, so no migration starts life without its way back.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDownSql } from './down-sql';

export type ScaffoldedMigration = { name: string; dir: string; unreversed: string[] };

const UP_TEMPLATE = '-- Why this change is needed (the what is in the SQL below).\n';
const DOWN_TEMPLATE = '-- The reverse of up.sql, statement by statement in reverse order.\n';

/** Lower snake case, as migration names are: "Add FIR index" → "add_fir_index". */
export function migrationSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function nextMigrationNumber(dir: string): string {
  const numbers = existsSync(dir) ? readdirSync(dir).map((n) => /^(\d{4})_/.exec(n)?.[1]).filter(Boolean) : [];
  const next = Math.max(0, ...numbers.map(Number)) + 1;
  if (next > 9999) throw new Error(`${dir}: migration numbers are four digits and 9999 is taken`);
  return String(next).padStart(4, '0');
}

/**
 * Writes dir/NNNN_slug/{up,down}.sql. With `upSql`, down.sql is generated from it and
 * `unreversed` lists the statements left as TODO lines; without, both get a template.
 */
export function scaffoldMigration(dir: string, name: string, upSql?: string): ScaffoldedMigration {
  const slug = migrationSlug(name);
  if (!slug) throw new Error(`"${name}" has no letters or digits to name a migration with`);
  const full = `${nextMigrationNumber(dir)}_${slug}`;
  const mdir = path.join(dir, full);
  const down = upSql === undefined ? { sql: DOWN_TEMPLATE, unreversed: [] } : generateDownSql(upSql);
  mkdirSync(mdir, { recursive: true });
  writeFileSync(path.join(mdir, 'up.sql'), upSql ?? UP_TEMPLATE, { flag: 'wx' });
  writeFileSync(path.join(mdir, 'down.sql'), down.sql, { flag: 'wx' });
  return { name: full, dir: mdir, unreversed: down.unreversed };
}
