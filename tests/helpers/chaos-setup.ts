// Runs once before the chaos project, after global-setup.ts: refuses to start while
// another AFIRGen process (an `npm start` left running, a second checkout's app or
// worker) is connected to the local stack. In managed topology every app instance
// takes part in failover, so a foreign instance promotes a replica as soon as a chaos
// test stops the primary, and the test then finds a replica running as a primary.
// (One CI run on a development machine failed that way; docs/data-layer.md.)
import { topology } from '../../server/env';
import { onMaintenanceDb } from './test-db';

type Foreign = { app: string; datname: string; client_port: number | null; backend_start: string };

export default async function setup(): Promise<void> {
  if (!topology.local) return;
  // Nothing of this run is connected yet: vitest runs global setups before any test file.
  // Processes of the integration run just before may still be closing: give them 15 s.
  let rows: Foreign[] = [];
  for (const deadline = Date.now() + 15_000; ; ) {
    rows = await onMaintenanceDb(async (c) => {
      const res = await c.query<Foreign>(
        `SELECT application_name AS app, datname, client_port, backend_start::text
           FROM pg_stat_activity
          WHERE application_name LIKE 'afirgen:%' AND pid <> pg_backend_pid()
          ORDER BY backend_start`,
      );
      return res.rows;
    });
    if (rows.length === 0) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const ports = [...new Set(rows.map((r) => r.client_port).filter((p) => p !== null))];
  const seen = rows
    .slice(0, 5)
    .map((r) => `${r.app} on database "${r.datname}" since ${r.backend_start}`)
    .join('; ');
  throw new Error(
    `Another AFIRGen process is connected to the local stack (${rows.length} connection(s): ${seen}). ` +
      'The chaos tests stop and kill stack nodes, and that process would take part in failover. ' +
      `Stop it first (\`ss -tnp | grep -E ':(${ports.slice(0, 3).join('|')})\\b'\` names it), then run the tests again.`,
  );
}
