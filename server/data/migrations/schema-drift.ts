// Does schema.prisma describe the migrated database? Migrations are hand-written SQL
// (prisma migrate cannot run here), so nothing else keeps the client's view and the
// real schema in step. Returns one readable line per disagreement; [] means in step.
import { withClient, type Db } from './connect';
import { readDbModel, type DbModel, type DbTable } from './db-model';
import { loadPrismaDatamodel, type DmmfField, type DmmfIndex, type PrismaDatamodel } from './prisma-datamodel';
import { unsupportedFields, type UnsupportedField } from './unsupported-fields';

/** Names of indexes the index advisor creates (server/insights/advisor). */
export const ADVISOR_INDEX_PREFIX = 'advisor_';

const SCALAR_DEFAULTS: Record<string, string> = {
  String: 'text', Boolean: 'boolean', Int: 'integer', BigInt: 'bigint', Float: 'double precision',
  Decimal: 'numeric(65,30)', DateTime: 'timestamp(3) without time zone', Json: 'jsonb', Bytes: 'bytea',
};

/** @db.X(args) → the type as PostgreSQL's format_type() spells it. */
function nativeType(name: string, args: string[]): string | undefined {
  const p = args.length > 0 ? `(${args.join(',')})` : '';
  const withTz = (base: string, tz: boolean) => `${base}${p} ${tz ? 'with' : 'without'} time zone`;
  const table: Record<string, string> = {
    Text: 'text', Char: `character${p || '(1)'}`, VarChar: `character varying${p}`, Bit: `bit${p || '(1)'}`,
    VarBit: `bit varying${p}`, Uuid: 'uuid', Xml: 'xml', Inet: 'inet', Citext: 'citext', Boolean: 'boolean',
    Integer: 'integer', SmallInt: 'smallint', Oid: 'oid', BigInt: 'bigint', DoublePrecision: 'double precision',
    Real: 'real', Decimal: `numeric${p}`, Money: 'money', Timestamp: withTz('timestamp', false),
    Timestamptz: withTz('timestamp', true), Date: 'date', Time: withTz('time', false), Timetz: withTz('time', true),
    Json: 'json', JsonB: 'jsonb', ByteA: 'bytea',
  };
  return table[name];
}

export function expectedColumnType(field: DmmfField, enumDbName: (prismaName: string) => string): string {
  let base: string | undefined;
  if (field.kind === 'enum') base = enumDbName(field.type);
  else if (field.nativeType) base = nativeType(field.nativeType[0], field.nativeType[1]);
  else base = SCALAR_DEFAULTS[field.type];
  base ??= `<unknown: ${field.type}${field.nativeType ? ` @db.${field.nativeType[0]}` : ''}>`;
  return field.isList ? `${base}[]` : base;
}

const columnOf = (f: DmmfField) => f.dbName ?? f.name;

export function diffDatamodel(dm: PrismaDatamodel, db: DbModel, unsupported: UnsupportedField[] = []): string[] {
  const out: string[] = [];
  const enumDb = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const enumName = (n: string) => enumDb.get(n) ?? n;
  const tables = new Map(db.tables.map((t) => [t.name, t]));
  const modelTables = new Map(dm.models.map((m) => [m.dbName ?? m.name, m]));

  for (const e of dm.enums) {
    const name = enumName(e.name);
    const want = e.values.map((v) => v.dbName ?? v.name);
    const have = db.enums.find((x) => x.name === name);
    if (!have) out.push(`enum ${e.name}: type "${name}" does not exist in the database`);
    else if (have.labels.join(',') !== want.join(',')) {
      out.push(`enum ${e.name}: schema.prisma has [${want.join(', ')}], type "${name}" has [${have.labels.join(', ')}]`);
    }
  }
  for (const e of db.enums) {
    if (![...enumDb.values()].includes(e.name)) out.push(`enum type "${e.name}" has no enum in schema.prisma`);
  }
  for (const t of db.tables) {
    if (!modelTables.has(t.name)) out.push(`table "${t.name}" has no model in schema.prisma`);
  }

  for (const [tableName, model] of modelTables) {
    const table = tables.get(tableName);
    if (!table) {
      out.push(`model ${model.name}: table "${tableName}" does not exist in the database`);
      continue;
    }
    const fields = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    for (const f of fields) {
      const where = `${model.name}.${f.name}`;
      const col = table.columns.find((c) => c.name === columnOf(f));
      if (!col) {
        out.push(`${where}: column "${columnOf(f)}" does not exist in table "${tableName}"`);
        continue;
      }
      const want = expectedColumnType(f, enumName);
      const have = f.kind === 'enum' && col.enumName ? `${col.enumName}${f.isList ? '[]' : ''}` : col.type;
      if (want !== have) out.push(`${where}: schema.prisma says ${want}, column "${tableName}.${col.name}" is ${have}`);
      if (f.isRequired !== col.notNull && !f.isList) {
        out.push(`${where}: schema.prisma says ${f.isRequired ? 'required' : 'optional'}, column "${tableName}.${col.name}" is ${col.notNull ? 'NOT NULL' : 'nullable'}`);
      }
    }
    const opaque = unsupported.filter((u) => u.model === model.name);
    for (const u of opaque) {
      const col = table.columns.find((c) => c.name === u.column);
      const where = `${model.name}.${u.name}`;
      if (!col) out.push(`${where}: column "${u.column}" does not exist in table "${tableName}"`);
      else if (col.type !== u.type) out.push(`${where}: schema.prisma says Unsupported("${u.type}"), column "${tableName}.${col.name}" is ${col.type}`);
      else if (u.optional === col.notNull) {
        out.push(`${where}: schema.prisma says ${u.optional ? 'optional' : 'required'}, column "${tableName}.${col.name}" is ${col.notNull ? 'NOT NULL' : 'nullable'}`);
      }
    }
    for (const c of table.columns) {
      if (!fields.some((f) => columnOf(f) === c.name) && !opaque.some((u) => u.column === c.name)) {
        out.push(`column "${tableName}.${c.name}" has no field in model ${model.name}`);
      }
    }
    out.push(...diffIndexes(model.name, table, dm.indexes.filter((i) => i.model === model.name), fields));
    out.push(...diffForeignKeys(model.name, table, model.fields, dm));
  }
  return out;
}

function diffIndexes(modelName: string, table: DbTable, indexes: DmmfIndex[], fields: DmmfField[]): string[] {
  const out: string[] = [];
  const col = (name: string) => columnOf(fields.find((f) => f.name === name) ?? ({ name } as DmmfField));
  const shape = (cols: { name: string; desc: boolean }[]) => cols.map((c) => `${c.name}${c.desc ? ' DESC' : ''}`).join(', ');
  const matched = new Set<string>();
  for (const ix of indexes) {
    const want = shape(ix.fields.map((f) => ({ name: col(f.name), desc: f.sortOrder === 'desc' })));
    const unique = ix.type !== 'normal';
    const method = (ix.algorithm ?? 'BTree').toLowerCase();
    const found = table.indexes.find(
      (d) => !matched.has(d.name) && shape(d.columns) === want && d.unique === unique && d.primary === (ix.type === 'id') &&
        d.method === method && !d.inexpressible && (!ix.dbName || d.name === ix.dbName),
    );
    if (found) matched.add(found.name);
    else {
      const label = { id: '@id', unique: '@unique', normal: '@@index', fulltext: '@@fulltext' }[ix.type];
      out.push(`${modelName}: ${label}(${want})${ix.dbName ? ` map "${ix.dbName}"` : ''} has no matching ${method} index on "${table.name}"`);
    }
  }
  for (const d of table.indexes) {
    // The index advisor's indexes (advisor_*) come and go through online migrations at run
    // time (docs/migrations.md); schema.prisma can't follow them, so they are not drift.
    if (!matched.has(d.name) && !d.inexpressible && !d.name.startsWith(ADVISOR_INDEX_PREFIX)) {
      out.push(`index "${d.name}" on "${table.name}" (${shape(d.columns)}) has no @id/@unique/@@index in model ${modelName}`);
    }
  }
  return out;
}

function diffForeignKeys(modelName: string, table: DbTable, fields: DmmfField[], dm: PrismaDatamodel): string[] {
  const out: string[] = [];
  const relations = fields.filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0);
  const key = (cols: string[], ref: string, refCols: string[]) => `${cols.join(',')}→${ref}(${refCols.join(',')})`;
  const expected = relations.map((r) => {
    const target = dm.models.find((m) => m.name === r.type)!;
    const colName = (ms: DmmfField[], n: string) => columnOf(ms.find((f) => f.name === n) ?? ({ name: n } as DmmfField));
    return {
      field: r.name,
      key: key(r.relationFromFields!.map((n) => colName(fields, n)), target.dbName ?? target.name, r.relationToFields!.map((n) => colName(target.fields, n))),
    };
  });
  const have = table.foreignKeys.map((fk) => ({ name: fk.name, key: key(fk.columns, fk.refTable, fk.refColumns) }));
  for (const e of expected) {
    if (!have.some((h) => h.key === e.key)) out.push(`${modelName}.${e.field}: no foreign key ${e.key} on "${table.name}"`);
  }
  for (const h of have) {
    if (!expected.some((e) => e.key === h.key)) out.push(`foreign key "${h.name}" ${h.key} on "${table.name}" has no @relation in model ${modelName}`);
  }
  return out;
}

/** Drift between a schema.prisma text and the database `db` (which should be migrated). */
export async function findSchemaDrift(db: Db, prismaSchema: string, schema = 'public'): Promise<string[]> {
  const dm = loadPrismaDatamodel(prismaSchema);
  return withClient(db, async (client) => diffDatamodel(dm, await readDbModel(client, schema), unsupportedFields(prismaSchema)));
}
