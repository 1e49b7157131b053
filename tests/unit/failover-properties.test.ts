// The failover candidate rule (server/data/failover/choose-candidate.ts) against a model
// of synchronous commit: whatever the standbys flushed and whichever of them answer,
// a promoted node holds every acknowledged commit — or nobody is promoted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseCandidate, parseSyncNames, type Candidate } from '../../server/data/failover/choose-candidate';
import { nodeSpecs, replicaNames, stackConfigFrom, type StackEnv } from '../../server/data/local-stack/config';
import { expectedSyncNames } from '../../server/data/local-stack/pg-settings';

const NAMES = ['primary', 'replica1', 'replica2', 'replica3', 'replica4'];

/** A cluster the moment the primary died: the sync set, what each standby flushed, who answers. */
const cluster = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 4 }),
    form: fc.constantFrom('ANY', 'FIRST', 'bare'),
  })
  .chain(({ n, k, form }) =>
    fc.record({
      names: fc.constant(NAMES.slice(1, n + 1)),
      k: fc.constant(Math.min(k, n)),
      form: fc.constant(form),
      flushed: fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: n, maxLength: n }),
      reachable: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      // a node outside the sync set (asynchronous) that may have flushed anything
      outsider: fc.bigInt({ min: 0n, max: 2000n }),
    }),
  );

function syncText(c: { names: string[]; k: number; form: string }): string {
  if (c.form === 'bare') return c.names.join(', ');
  return `${c.form} ${c.k} (${c.names.join(', ')})`;
}

describe('failover candidate', () => {
  // Property 5 (db-cache-infrastructure): Automatic Failover — the promoted replica is one
  // that cannot miss an acknowledged commit (its timing is checked in tests/chaos/failover.int.test.ts).
  it('promotes only a node that has every acknowledged commit', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const text = syncText(c);
        const k = c.form === 'bare' ? 1 : c.k;
        // The newest acknowledged commit: the k-th highest flush position among the sync set.
        const sorted = [...c.flushed].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const acked = sorted[k - 1]!;
        const candidates: Candidate[] = [
          ...c.names.map((name, i) => ({ name, reachable: c.reachable[i]!, inRecovery: true, flushLsn: c.reachable[i] ? c.flushed[i]! : null })),
          { name: 'async1', reachable: true, inRecovery: true, flushLsn: c.outsider },
        ];
        const choice = chooseCandidate(text, candidates);
        const answering = c.reachable.filter(Boolean).length;
        if (choice.ok) {
          expect(c.names).toContain(choice.name); // never an asynchronous node
          expect(choice.lsn >= acked).toBe(true);
        }
        // And it does promote whenever enough of the sync set answers to be sure.
        expect(choice.ok).toBe(answering >= c.names.length - k + 1);
      }),
    );
  });

  it('never promotes after the primary ran without synchronous standbys', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 100n }), { minLength: 1, maxLength: 4 }), (lsns) => {
        const candidates = lsns.map((l, i) => ({ name: `replica${i + 1}`, reachable: true, inRecovery: true, flushLsn: l }));
        expect(chooseCandidate('', candidates).ok).toBe(false);
      }),
    );
  });

  it('parses every form of synchronous_standby_names the stack and PostgreSQL use', () => {
    expect(parseSyncNames('ANY 1 (primary, replica2)')).toEqual({ k: 1, names: ['primary', 'replica2'] });
    expect(parseSyncNames('FIRST 2 ("a", b, c)')).toEqual({ k: 2, names: ['a', 'b', 'c'] });
    expect(parseSyncNames('2 (a, b)')).toEqual({ k: 2, names: ['a', 'b'] });
    expect(parseSyncNames('replica1')).toEqual({ k: 1, names: ['replica1'] });
    expect(parseSyncNames('  ')).toBeNull();
  });
});

describe('replica configuration', () => {
  const env = (replicas: number): StackEnv => ({ STACK_PORT_BASE: 40000, STACK_REDIS_PORT: 40100, STACK_REPLICAS: replicas, DATABASE_NAME: 'x' });

  // Property 6 (db-cache-infrastructure): Replica Redundancy Invariant, and
  // Property 24 (db-cache-infrastructure): Replica Capacity Support — the stack takes
  // 2 replicas by default and up to 5; whichever node is the primary, every other one
  // is a synchronous candidate on its own port.
  it('gives every replica count up to 5 distinct nodes, all synchronous candidates, whichever node is primary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.nat(), (n, pick) => {
        const cfg = stackConfigFrom(env(n), '/tmp/afirgen-prop');
        const pg = nodeSpecs(cfg).filter((s) => s.kind === 'postgres');
        expect(replicaNames(cfg)).toHaveLength(n);
        expect(new Set(pg.map((s) => s.port)).size).toBe(n + 1);
        const primary = pg[pick % pg.length]!.name;
        const spec = parseSyncNames(expectedSyncNames(cfg, primary))!;
        expect(spec.names.sort()).toEqual(pg.map((s) => s.name).filter((x) => x !== primary).sort());
        expect(spec.names.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});
