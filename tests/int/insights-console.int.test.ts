// The Queries / Indexes / Migrations procedures through createCaller with a real
// signed-in context: admins only, what they return, and the refusals that keep the
// migration controls safe. (Applying and rolling back for real is the browser test's and
// the planted-workload test's; here one index is built and dropped again, audit-logged.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import { closeInsightsPools } from '@/server/insights/node-pools';
import { loadParser } from '@/server/insights/statement-info';
import { makeStation, makeUser } from '../helpers/fixtures';
import { signedIn } from '../helpers/trpc-browser';


let admin: Awaited<ReturnType<typeof signedIn>>;
let officer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  await loadParser();
  const station = await makeStation(db);
  admin = await signedIn((await makeUser(db, { role: 'admin', stationId: null })).email);
  officer = await signedIn((await makeUser(db, { role: 'officer', stationId: station.id })).email);
});

afterAll(async () => {
  await closeInsightsPools();
});

describe('query insights procedures', () => {
  it('refuse officers', async () => {
    await expect(officer.ops.queries.overview({})).rejects.toThrow(/Admins only/);
    await expect(officer.ops.indexes.advice()).rejects.toThrow(/Admins only/);
    await expect(officer.ops.migrations.list()).rejects.toThrow(/Admins only/);
  });

  it('give the admin every node, the slow log and the detectors', async () => {
    const o = await admin.ops.queries.overview({ order: 'calls', limit: 5 });
    expect(o.nodes.map((n) => n.node)).toEqual(['primary', 'replica1', 'replica2']);
    expect(o.nodes.every((n) => n.rows.length <= 5)).toBe(true);
    // pg_stat_statements on the primary always has rows for this database.
    expect(o.nodes[0]!.serverStats).toBe(true);
    expect(o.nodes[0]!.rows.length).toBeGreaterThan(0);
    expect(Array.isArray(o.slow.rows)).toBe(true);
    await expect(admin.ops.queries.overview({ node: 'replica9' })).rejects.toThrow(/No database node "replica9"/);
    await expect(admin.ops.queries.plan({ id: '999999999999' })).rejects.toThrow(/No slow query/);
  });

  it('list the migrations with 0004 applied, and dry-run one without running it', async () => {
    const list = await admin.ops.migrations.list();
    const m = list.rows.find((r) => r.name === '0004_query_insights');
    expect(m).toMatchObject({ state: 'applied', source: 'file' });
    const dry = await admin.ops.migrations.dryRun({ name: '0004_query_insights' });
    expect(dry.up.map((s) => s.text)).toContainEqual(expect.stringMatching(/^CREATE TABLE insights_slow_query/));
    expect(dry.down.map((s) => s.text)).toEqual(['DROP TABLE schema_online_migration', 'DROP TABLE insights_slow_query']);
    expect(dry.problems).toEqual([]);
    await expect(admin.ops.migrations.dryRun({ name: '0999_nothing' })).rejects.toThrow(/No migration 0999_nothing/);
  });

  it('refuse to apply what is not pending, to roll back anything but the newest, and bad index requests', async () => {
    await expect(admin.ops.migrations.migrate({ name: '0001_init', reason: 'test' })).rejects.toThrow(/is applied, not pending/);
    const { newestApplied } = await admin.ops.migrations.list();
    if (newestApplied !== '0001_init') {
      await expect(admin.ops.migrations.rollback({ name: '0001_init', reason: 'test' })).rejects.toThrow(/Only the newest applied migration/);
    }
    await expect(admin.ops.migrations.rollback({ name: '0001_init', reason: '' })).rejects.toThrow(/Say why/);
    await expect(admin.ops.indexes.applySuggestion({ table: 'fir', columns: ['no_such_column'], reason: 'test' })).rejects.toThrow(/has no column "no_such_column"/);
    await expect(admin.ops.indexes.applySuggestion({ table: 'fir', columns: ['station_id'], reason: 'test' })).rejects.toThrow(/already starts with/);
    await expect(admin.ops.indexes.applySuggestion({ table: 'fir; DROP TABLE fir', columns: ['id'], reason: 'test' })).rejects.toThrow();
  });

  it('build an index as an online migration and roll it back, each audit-logged', async () => {
    const since = (await db.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n; // earlier runs audited the same index name
    const applied = await admin.ops.indexes.applySuggestion({ table: 'audit_log', columns: ['action'], reason: 'console test: build' });
    expect(applied.indexName).toBe('advisor_audit_log_action_idx');
    expect(applied.audited).toBe(true);
    const list = await admin.ops.migrations.list();
    expect(list.newestApplied).toBe(applied.migration);
    expect(list.rows.find((r) => r.name === applied.migration)).toMatchObject({ state: 'applied', source: 'index-advisor', online: true, canRollBack: true });
    const undone = await admin.ops.migrations.rollback({ name: applied.migration, reason: 'console test: undo' });
    expect(undone).toMatchObject({ rolledBack: [{ name: applied.migration }], discarded: true, audited: true });
    expect((await admin.ops.migrations.list()).rows.some((r) => r.name === applied.migration)).toBe(false);
    const audit = await db.auditLog.findMany({ where: { id: { gt: since }, target: { in: [`index:${applied.indexName}`, `migration:${applied.migration}`] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['index.apply', 'migration.rollback']);
    expect(audit[0]!.details).toMatchObject({ reason: 'console test: build', migration: applied.migration });
  });

  it('report index health: the duplicate and unused lists never include unique or primary indexes', async () => {
    const h = await admin.ops.indexes.health();
    expect(h.total).toBeGreaterThan(10);
    for (const u of h.unused) expect(u.name).not.toMatch(/_pkey$|_key$|_unique$/);
    for (const d of h.duplicates) expect(d.coveredBy).not.toBe(d.name);
  });

  it('run the advisor over what this process captured (nothing captured here: no suggestions, no error)', async () => {
    const res = await admin.ops.indexes.analyse();
    expect(res.last).not.toBeNull();
    expect(res.last!.statements).toBe(res.last!.verdicts.length);
    expect(res.running).toBe(false);
  });
});
