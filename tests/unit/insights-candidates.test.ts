// Index candidates from a statement's WHERE, JOIN and ORDER BY, resolved through aliases.
import { beforeAll, describe, expect, it } from 'vitest';
import { candidateColumns } from '../../server/insights/advisor/candidates';
import { coveredByExisting, indexNameFor, indexSql } from '../../server/insights/advisor/advise';
import { loadParser } from '../../server/insights/statement-info';

beforeAll(() => loadParser());

const catalog = new Map([
  ['shop_order', new Set(['id', 'customer_id', 'status', 'created_at', 'total'])],
  ['shop_customer', new Set(['id', 'email', 'region'])],
]);
// Sorted: the order columns are found in does not matter (pairs are tried both ways).
const cands = (sql: string) => Object.fromEntries([...candidateColumns(sql, catalog)].map(([t, c]) => [t, [...c].sort()]));

describe('index candidates', () => {
  it('takes WHERE, JOIN … ON and ORDER BY columns, never the select list', () => {
    expect(cands('SELECT o.total, o.status FROM shop_customer c JOIN shop_order o ON o.customer_id = c.id WHERE c.email = $1 ORDER BY o.created_at DESC')).toEqual({
      shop_order: ['created_at', 'customer_id'],
      shop_customer: ['email', 'id'],
    });
  });

  it('resolves unqualified and schema-qualified columns, and JOIN … USING', () => {
    expect(cands('SELECT total FROM shop_order WHERE status = $1 AND total > 10')).toEqual({ shop_order: ['status', 'total'] });
    expect(cands('SELECT 1 FROM "public"."shop_order" WHERE "public"."shop_order"."status" = $1')).toEqual({ shop_order: ['status'] });
    expect(cands('SELECT 1 FROM shop_order JOIN shop_customer USING (id)')).toEqual({ shop_order: ['id'], shop_customer: ['id'] });
  });

  it('looks into subqueries and ignores tables and columns it does not know', () => {
    expect(cands('SELECT 1 FROM shop_customer c WHERE EXISTS (SELECT 1 FROM shop_order o WHERE o.customer_id = c.id AND o.status = $1)')).toEqual({
      shop_customer: ['id'],
      shop_order: ['customer_id', 'status'],
    });
    expect(cands('SELECT 1 FROM pg_class WHERE relname = $1')).toEqual({});
    expect(cands('not sql at all')).toEqual({});
  });
});

describe('index naming and coverage', () => {
  it('names advisor indexes within PostgreSQL’s 63 bytes, quoting identifiers in the SQL', () => {
    expect(indexNameFor('shop_order', ['status'])).toBe('advisor_shop_order_status_idx');
    const long = indexNameFor('a'.repeat(50), ['b'.repeat(40), 'c'.repeat(40)]);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(indexSql('shop_order', ['customer_id']).createSql).toBe('CREATE INDEX CONCURRENTLY "advisor_shop_order_customer_id_idx" ON public."shop_order" ("customer_id");');
  });

  it('treats columns leading an existing index as covered, and nothing else', () => {
    const existing = [{ table: 'shop_order', columns: ['status', 'created_at'] }];
    expect(coveredByExisting('shop_order', ['status'], existing)).toBe(true);
    expect(coveredByExisting('shop_order', ['status', 'created_at'], existing)).toBe(true);
    expect(coveredByExisting('shop_order', ['created_at'], existing)).toBe(false);
    expect(coveredByExisting('shop_order', ['created_at', 'status'], existing)).toBe(false);
    expect(coveredByExisting('shop_customer', ['status'], existing)).toBe(false);
  });
});
