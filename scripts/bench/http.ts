// `npm run bench -- http`: the same ~0.7 KB JSON from (a) the API fast path of
// server/main.ts (Fastify), (b) a Next.js route handler in the same process, and
// (c) a bare Node http server (the ceiling), each at N connections for D seconds,
// in interleaved rounds (median kept). Goal: the fast path at >= 50 % of bare Node.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { BenchOptions } from '../bench';
import { interleaved, type LoadResult, printTable, startProcess, waitForUrl } from './load';

const APP_PORT = 3210;
const BARE_PORT = 3211;

export async function run(opts: BenchOptions): Promise<void> {
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('No production build yet: running next build…');
    execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }

  const bare = startProcess(process.execPath, ['--import', 'tsx', 'scripts/bench/bare-server.ts', String(BARE_PORT)], {});
  const app = startProcess(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    PORT: String(APP_PORT),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  });
  try {
    await waitForUrl(`http://127.0.0.1:${BARE_PORT}/`);
    await waitForUrl(`http://127.0.0.1:${APP_PORT}/api/bench/json`);
    // This also renders a Next route once, which turns on AsyncLocalStorage (async hooks)
    // for the whole process, as any page view does in production: the fast path is
    // measured in that steady state, not in a process that has never served a page.
    await waitForUrl(`http://127.0.0.1:${APP_PORT}/bench/json`);
    console.error(
      `Measuring ${opts.connections} connections × ${opts.duration}s per target per round, ${opts.rounds} rounds interleaved (2s warm-up each)…`,
    );
    const [baseline, fast, nextRoute] = (await interleaved(
      [
        { label: 'bare Node http', url: `http://127.0.0.1:${BARE_PORT}/`, pid: bare.pid },
        { label: 'API fast path (Fastify)', url: `http://127.0.0.1:${APP_PORT}/api/bench/json`, pid: app.pid },
        { label: 'Next route handler', url: `http://127.0.0.1:${APP_PORT}/bench/json`, pid: app.pid },
      ],
      opts,
    )) as [LoadResult, LoadResult, LoadResult];
    printTable([baseline, fast, nextRoute], baseline);
    const ratio = fast.rps / baseline.rps;
    console.log(
      `fast path / bare Node = ${ratio.toFixed(3)} in req/s (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
        `fast path / Next route handler = ${(fast.rps / nextRoute.rps).toFixed(1)}x`,
    );
    if (fast.cpuUsPerRequest && baseline.cpuUsPerRequest) {
      console.log(
        `server CPU per request: bare ${baseline.cpuUsPerRequest.toFixed(1)} µs, fast path ${fast.cpuUsPerRequest.toFixed(1)} µs ` +
          `(bare / fast = ${(baseline.cpuUsPerRequest / fast.cpuUsPerRequest).toFixed(3)})`,
      );
    }
    if (fast.errors + fast.non2xx + nextRoute.errors + nextRoute.non2xx > 0) {
      console.log('warning: some requests failed; the figures above are not clean');
      process.exitCode = 1;
    }
  } finally {
    app.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}
