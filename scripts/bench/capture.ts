// `npm run bench -- capture`: the cost of statement capture (server/insights). Two app
// processes (server/main.ts), one with INSIGHTS_CAPTURE=on and one with =off, serve the
// same DB-bound API route — the admin's FIR list over tRPC: a session lookup and the
// list query with its sections, every statement through the pg driver hook — in
// interleaved rounds (median kept). Goal: capture on / off >= 0.95 in req/s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { BenchOptions } from '../bench';
import { interleaved, type LoadResult, printTable, startProcess, waitForUrl } from './load';

const ON_PORT = 3212;
const OFF_PORT = 3213;
const ROUTE = `/api/trpc/fir.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;

async function adminCookie(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { email: 'admin@afirgen.test', password: 'Demo@2026' } }),
  });
  if (!res.ok) throw new Error(`sign-in failed (${res.status}): run npm run db -- seed first`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export async function run(opts: BenchOptions): Promise<void> {
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('No production build yet: running next build…');
    execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  const env = (port: number, capture: 'on' | 'off') => ({ PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn', INSIGHTS_CAPTURE: capture });
  const on = startProcess(process.execPath, ['--import', 'tsx', 'server/main.ts'], env(ON_PORT, 'on'));
  const off = startProcess(process.execPath, ['--import', 'tsx', 'server/main.ts'], env(OFF_PORT, 'off'));
  try {
    await waitForUrl(`http://127.0.0.1:${ON_PORT}/api/health`);
    await waitForUrl(`http://127.0.0.1:${OFF_PORT}/api/health`);
    // One session, valid on both: they share the database.
    const cookie = await adminCookie(ON_PORT);
    const headers = { cookie };
    for (const port of [ON_PORT, OFF_PORT]) {
      const res = await fetch(`http://127.0.0.1:${port}${ROUTE}`, { headers });
      if (!res.ok) throw new Error(`GET ${ROUTE} on :${port} answered ${res.status}`);
    }
    console.error(
      `Measuring ${opts.connections} connections × ${opts.duration}s per target per round, ${opts.rounds} rounds interleaved (2s warm-up each)…`,
    );
    const [offR, onR] = (await interleaved(
      [
        { label: 'capture off', url: `http://127.0.0.1:${OFF_PORT}${ROUTE}`, pid: off.pid, headers },
        { label: 'capture on', url: `http://127.0.0.1:${ON_PORT}${ROUTE}`, pid: on.pid, headers },
      ],
      opts,
    )) as [LoadResult, LoadResult];
    printTable([offR, onR], offR);
    const ratio = onR.rps / offR.rps;
    console.log(`capture on / off = ${ratio.toFixed(3)} in req/s (goal >= 0.95: ${ratio >= 0.95 ? 'met' : 'NOT met'})`);
    if (onR.cpuUsPerRequest && offR.cpuUsPerRequest) {
      console.log(
        `server CPU per request: off ${offR.cpuUsPerRequest.toFixed(1)} µs, on ${onR.cpuUsPerRequest.toFixed(1)} µs (off / on = ${(offR.cpuUsPerRequest / onR.cpuUsPerRequest).toFixed(3)})`,
      );
    }
    if (onR.errors + onR.non2xx + offR.errors + offR.non2xx > 0) {
      console.log('warning: some requests failed; the figures above are not clean');
      process.exitCode = 1;
    }
  } finally {
    on.kill('SIGTERM');
    off.kill('SIGTERM');
  }
}
