// `npm run bench -- routing [--duration S] [--connections N] [--rounds R]`: read
// throughput through the routed client (readDb) with read routing on — reads spread
// over the replicas by weight — against the same client with routing off (every read
// on the primary), rounds interleaved, same concurrency, same statement: the FIR
// list page query (a page of 20 with sections) of the app's own services.
// Prints reads/s, p50/p99 and where the reads ran, and the ratio on/off.
// Uses the database DATABASE_NAME names (migrated and with FIRs: `npm start` seeds
// the demo one; DATABASE_NAME=afirgen_test uses the tests' database).
import { readDb, readRouter, healthMonitor, disconnectAll } from '../../server/data';
import { onStatement } from '../../server/data/statement-hooks';
import { runWithContext } from '../../server/lib/request-context';
import type { BenchOptions } from '../bench';

type Round = { reads: number; seconds: number; lat: number[]; nodes: Map<string, number>; errors: number };
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const readPage = () =>
  runWithContext({ correlationId: 'bench', kind: 'task' }, () =>
    readDb.fir.findMany({ take: 20, orderBy: { id: 'desc' }, include: { sections: true } }),
  );

async function round(routing: boolean, o: BenchOptions): Promise<Round> {
  readRouter.routingOn = routing;
  const r: Round = { reads: 0, seconds: 0, lat: [], nodes: new Map(), errors: 0 };
  const off = onStatement((e) => {
    if (/"fir"/.test(e.text)) r.nodes.set(e.node, (r.nodes.get(e.node) ?? 0) + 1);
  });
  const start = performance.now();
  const end = start + o.duration * 1000;
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await readPage();
          r.reads++;
          r.lat.push(performance.now() - t);
        } catch {
          r.errors++;
        }
      }
    }),
  );
  r.seconds = (performance.now() - start) / 1000;
  off();
  r.lat.sort((a, b) => a - b);
  return r;
}

export async function run(o: BenchOptions): Promise<void> {
  const connections = Math.min(o.connections, 40); // the pools hold 10 per node: more only queues in the client
  const opts = { ...o, connections };
  await healthMonitor.checkNow();
  const count = await readDb.fir.count().catch((e: unknown) => {
    throw new Error(`the database has no FIR table (${(e as Error).message.split('\n')[0]}): run \`npm start\` once, or set DATABASE_NAME=afirgen_test`);
  });
  console.log(`routing bench: ${count} FIRs, ${connections} concurrent readers, ${o.duration} s x ${o.rounds} rounds each, interleaved`);
  await round(true, { ...opts, duration: 2 }); // warm-up: pools open, plans cached
  await round(false, { ...opts, duration: 2 });
  const on: Round[] = [];
  const offR: Round[] = [];
  for (let i = 0; i < o.rounds; i++) {
    on.push(await round(true, opts));
    offR.push(await round(false, opts));
  }
  readRouter.routingOn = true;
  const show = (label: string, rs: Round[]) => {
    const rps = median(rs.map((r) => r.reads / r.seconds));
    const lat = rs.flatMap((r) => r.lat).sort((a, b) => a - b);
    const nodes = new Map<string, number>();
    for (const r of rs) for (const [n, c] of r.nodes) nodes.set(n, (nodes.get(n) ?? 0) + c);
    const total = [...nodes.values()].reduce((a, b) => a + b, 0);
    const spread = [...nodes].sort().map(([n, c]) => `${n} ${Math.round((c / total) * 100)} %`).join(', ');
    const errors = rs.reduce((a, r) => a + r.errors, 0);
    console.log(`${label.padEnd(22)} ${rps.toFixed(0).padStart(7)} reads/s  p50 ${pct(lat, 50).toFixed(1)} ms  p99 ${pct(lat, 99).toFixed(1)} ms  errors ${errors}  [${spread}]`);
    return rps;
  };
  const a = show('routed (replicas)', on);
  const b = show('primary only', offR);
  console.log(`ratio routed / primary-only: ${(a / b).toFixed(2)}x (median of ${o.rounds} rounds each)`);
  await disconnectAll();
}
