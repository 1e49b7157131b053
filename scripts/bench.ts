// `npm run bench -- NAME [--duration S] [--connections N] [--rounds R]`: runs one benchmark.
// Each benchmark measures the thing and its baseline in the same run and prints
// the ratio; figures go into docs/performance.md with the command that made them.
import { parseArgs } from 'node:util';

const benches: Record<string, () => Promise<{ run: (o: BenchOptions) => Promise<void> }>> = {
  http: () => import('./bench/http'),
  drafting: () => import('./bench/drafting'),
  ratelimit: () => import('./bench/ratelimit'),
  routing: () => import('./bench/routing'),
  capture: () => import('./bench/capture'),
  jobs: () => import('./bench/jobs'),
  overhead: () => import('./bench/overhead'),
  cache: () => import('./bench/cache'),
  failover: () => import('./bench/failover'),
};

export type BenchOptions = { duration: number; connections: number; rounds: number };

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '100' },
  },
});

const name = positionals[0];
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--duration seconds] [--connections n] [--rounds n]`);
  process.exit(2);
}
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
if (!(duration > 0 && duration <= 120) || !(connections > 0 && connections <= 1000) || !(rounds >= 1 && rounds <= 15)) {
  console.error('--duration must be 1–120 seconds, --connections 1–1000 and --rounds 1–15');
  process.exit(2);
}
const mod = await load();
await mod.run({ duration, connections, rounds });
