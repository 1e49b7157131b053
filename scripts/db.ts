// `npm run db -- migrate | rollback [n] | status | seed | new <name> [--from file.sql]`:
// the schema migration runner (server/data/migrations) against the primary, plus the
// demo seed. Exits non-zero with the reason on any failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topology } from '../server/env';
import { migrate, migrationStatus, rollback, scaffoldMigration, type MigrationStatusRow } from '../server/data/migrations';
import { seedDemo } from '../server/fir/seed';
import { DEMO_PASSWORD } from '../server/fir/demo-accounts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../prisma/migrations');
const USAGE = `usage: npm run db -- <command>
  migrate                    apply pending migrations
  rollback [n]               undo the last n applied migrations (default 1)
  status                     list migrations: applied / pending / modified / missing-on-disk
  seed [--firs N]            add demo data: stations, accounts, BNS sections, N FIRs (20,000; idempotent)
  new <name> [--from f.sql]  scaffold the next migration; with --from, up.sql is f.sql
                             (relative to the repo root, or - for stdin) and down.sql
                             is generated from it`;

const log = (line: string) => console.log(line);

function table(rows: MigrationStatusRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    r.state,
    r.appliedAt ? r.appliedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '',
    r.durationMs === null ? '' : `${r.durationMs} ms`,
  ]);
  const all = [['name', 'state', 'applied_at', 'duration'], ...cells];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const db = topology.primaryUrl;
  switch (command) {
    case 'migrate': {
      const { applied } = await migrate(db, MIGRATIONS_DIR, { log });
      if (applied.length > 0) log(`migrate: applied ${applied.length} migration${applied.length > 1 ? 's' : ''}`);
      return 0;
    }
    case 'rollback': {
      const count = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(count) || count < 1) throw new Error(`rollback takes a count ≥ 1, got "${args[0]}"`);
      const { rolledBack } = await rollback(db, MIGRATIONS_DIR, { count, log });
      if (rolledBack.length > 0) log(`rollback: rolled back ${rolledBack.map((r) => r.name).join(', ')}`);
      if (rolledBack.length < count) log(`(asked for ${count}; only ${rolledBack.length} ${rolledBack.length === 1 ? 'was' : 'were'} applied)`);
      return 0;
    }
    case 'status': {
      const rows = await migrationStatus(db, MIGRATIONS_DIR);
      log(rows.length > 0 ? table(rows) : `no migrations in ${MIGRATIONS_DIR}`);
      // A broken history is worth a non-zero exit, so CI notices.
      return rows.some((r) => r.state === 'modified' || r.state === 'missing-on-disk') ? 1 : 0;
    }
    case 'seed': {
      const at = args.indexOf('--firs');
      const count = at >= 0 ? Number(args[at + 1]) : undefined;
      if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= 1_000_000)) {
        throw new Error('--firs takes a whole number from 0 to 1,000,000');
      }
      const started = Date.now();
      const { firs, added, accounts } = await seedDemo({ primaryUrl: db, firs: count, log });
      log(`seed: added ${added} FIR${added === 1 ? '' : 's'} (${firs} in the table now) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      log(`demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of accounts) log(`  ${a.role.padEnd(8)} ${a.email}`);
      return 0;
    }
    case 'new': {
      const name = args[0];
      const fromAt = args.indexOf('--from');
      const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
      if (!name || name.startsWith('--') || (fromAt >= 0 && !from)) throw new Error(`new needs a name\n${USAGE}`);
      const m = scaffoldMigration(MIGRATIONS_DIR, name, from === undefined ? undefined : readFileSync(from === '-' ? 0 : from, 'utf8'));
      log(`created ${path.relative(process.cwd(), m.dir)}/{up.sql,down.sql}`);
      if (from === undefined) log('write up.sql and down.sql (or rerun with --from <file> to generate down.sql)');
      for (const s of m.unreversed) log(`warning: could not reverse, left a TODO in down.sql: ${s.replace(/\s+/g, ' ').slice(0, 160)}`);
      if (m.unreversed.length > 0) log('the runner refuses a down.sql with TODO lines: write those reverses by hand');
      return 0;
    }
    default:
      console.error(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const unreachable = (e as { code?: string }).code === 'ECONNREFUSED';
    const hint = unreachable && topology.local ? '\n(is the local stack running? `npm run stack -- up`)' : '';
    console.error(`db ${process.argv[2] ?? ''}: ${e instanceof Error ? e.message : String(e)}${hint}`);
    process.exit(1);
  },
);
