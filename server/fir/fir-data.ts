// Turns validated input fields into column values, and computes what changed, for
// the audit trail. The one place that knows how API field names map to columns.
import { Prisma } from '../data';
import type { TFirFields } from './schemas';

type Data = Record<string, unknown>;

const DATE_TIME_FIELDS = new Set(['occurredFrom', 'occurredTo']);

export function fieldsToData(fields: Omit<TFirFields, 'sections'>): Data {
  const data: Data = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (DATE_TIME_FIELDS.has(key)) data[key] = value === null ? null : new Date(value as string);
    else if (key === 'complainantDob') data[key] = value === null ? null : new Date(`${value as string}T00:00:00Z`);
    else if (key === 'placeDistanceKm') data[key] = value === null ? null : new Prisma.Decimal(value as number);
    else data[key] = value;
  }
  if (fields.properties) {
    const total = fields.properties.reduce((sum, p) => sum + (p.value ?? 0), 0);
    data.propertiesTotal = new Prisma.Decimal(total.toFixed(2));
  }
  return data;
}

/** {field: {from, to}} for the fields whose value differs; values as JSON. */
export function diffData(before: Data, after: Data): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key];
    if (json(from) !== json(to)) changes[key] = { from: plain(from), to: plain(to) };
  }
  return changes;
}

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Prisma.Decimal) return v.toNumber();
  return v ?? null;
}

function json(v: unknown): string {
  return JSON.stringify(plain(v));
}
