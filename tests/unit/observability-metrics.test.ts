// Bounded labels of the statement metrics, and the machine CPU ratio's edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementKind } from '@/server/observability/db-metrics';
import { busyRatio } from '@/server/observability/system-metrics';

const noise = fc.array(fc.constantFrom(' ', '\n', '\t', '-- note\n', '/* c */', '('), { maxLength: 4 }).map((xs) => xs.join(''));

describe('statement kind', () => {
  // Part of Property 38 (db-cache-infrastructure): statement metrics are labelled by a
  // bounded kind, whatever the SQL text.
  it('is the verb whatever its case and leading comments, and "other" for anything else', () => {
    fc.assert(
      fc.property(noise, fc.constantFrom('select', 'insert', 'update', 'delete'), fc.boolean(), fc.string(), (lead, verb, upper, rest) => {
        expect(statementKind(`${lead}${upper ? verb.toUpperCase() : verb} ${rest}`)).toBe(verb);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(['select', 'insert', 'update', 'delete', 'other']).toContain(statementKind(text));
      }),
    );
    expect(statementKind('BEGIN')).toBe('other');
    expect(statementKind('WITH x AS (SELECT 1) SELECT * FROM x')).toBe('other');
    expect(statementKind('selection')).toBe('other');
  });
});

describe('system CPU ratio', () => {
  it('stays within 0–1 and is 0 when no time passed', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (b0, t0, db, dt) => {
        const r = busyRatio({ busy: b0, total: b0 + t0 }, { busy: b0 + db, total: b0 + t0 + dt });
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        if (dt === 0) expect(r).toBe(0);
      }),
    );
  });
});
