// `npm run bench -- failover [--rounds N] [--connections W]`: N managed failovers of the
// local stack under W writers (default 4): SIGKILL of the primary's postmaster, then
// detection (kill → the controller decides), promotion (decision → pg_promote done),
// write unavailability (kill → first write acknowledged by the new primary) and the
// acknowledged writes the final primary lacks. Health interval 1 s, 3 failed checks.
// Leaves the stack as it found it (a switchover back to "primary"). Local stack only;
// uses the database DATABASE_NAME names (a scratch table, dropped at the end).
import { disconnectAll } from '../../server/data';
import { killPrimary, lostWrites, prepareDrill, restoreStack, writeLoad, type DrillFigures } from '../../tests/helpers/failover-drill';
import type { BenchOptions } from '../bench';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(o: BenchOptions): Promise<void> {
  const writers = Math.min(o.connections, 16); // the write pool holds 10
  await prepareDrill();
  const load = writeLoad(writers);
  const runs: DrillFigures[] = [];
  try {
    for (let i = 0; i < o.rounds; i++) {
      const f = await killPrimary(load);
      runs.push(f);
      console.log(`run ${i + 1}: ${f.from} → ${f.to}: detection ${f.detectionMs} ms, promotion ${f.promotionMs} ms, writes back after ${f.unavailableMs} ms`);
    }
  } finally {
    await load.stop();
  }
  const lost = await lostWrites(load);
  await restoreStack();
  const col = (k: keyof Omit<DrillFigures, 'from' | 'to'>) => runs.map((r) => r[k]);
  const line = (label: string, xs: number[]) => console.log(`${label.padEnd(28)} median ${median(xs)} ms, min ${Math.min(...xs)}, max ${Math.max(...xs)}`);
  console.log(`\n${runs.length} failovers, ${writers} writers, ${load.acked.length} acknowledged writes, ${load.failed()} failed (not acknowledged)`);
  line('detection', col('detectionMs'));
  line('promotion', col('promotionMs'));
  line('write unavailability', col('unavailableMs'));
  console.log(`acknowledged writes lost     ${lost}`);
  await disconnectAll();
  process.exit(0);
}
