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
    await waitForUrl(`http://127.0.0.1:${APP_PORT}/bench/json`);
    console.error(
      `Measuring ${opts.connections} connections × ${opts.duration}s per target per round, ${opts.rounds} rounds interleaved (2s warm-up each)…`,
    );
    const [baseline, fast, nextRoute] = (await interleaved(
      [
        { label: 'bare Node http', url: `http://127.0.0.1:${BARE_PORT}/` },
        { label: 'API fast path (Fastify)', url: `http://127.0.0.1:${APP_PORT}/api/bench/json` },
        { label: 'Next route handler', url: `http://127.0.0.1:${APP_PORT}/bench/json` },
      ],
      opts,
    )) as [LoadResult, LoadResult, LoadResult];
    printTable([baseline, fast, nextRoute], baseline);
    const ratio = fast.rps / baseline.rps;
    console.log(
      `fast path / bare Node = ${ratio.toFixed(3)} (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
        `fast path / Next route handler = ${(fast.rps / nextRoute.rps).toFixed(1)}x`,
    );
    if (fast.errors + fast.non2xx + nextRoute.errors + nextRoute.non2xx > 0) {
      console.log('warning: some requests failed; the figures above are not clean');
      process.exitCode = 1;
    }
  } finally {
    app.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}
