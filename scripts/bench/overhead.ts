// `npm run bench -- overhead`: what logging, metrics and tracing cost. The same app
// three times, each in its own process started as in production (tracing loaded
// first), measured in interleaved rounds on two API routes:
//   - all off: LOG_REQUESTS=false, METRICS_ENABLED=false, TRACING_ENABLED=false
//   - all on: an access-log line per request, request and SQL metrics, every request
//     traced (HTTP, pg, ioredis, Prisma spans) and exported over OTLP/HTTP to a sink
//   - all on, traces sampled at 10 % (OTEL_TRACES_SAMPLER_RATIO=0.1)
// Routes: GET /api/bench/json (fixed bytes: the worst case, where our per-request work
// is all there is) and GET /api/v1/firs/{id} (a real route: API key lookup, rate-limit
// decision in Redis, the FIR read from PostgreSQL). Goal: all on / all off >= 0.9.
// Uses the test database (afirgen_test: migrated, BNS loaded by the test setup).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { BenchOptions } from '../bench';
import { interleaved, type LoadResult, printTable, startProcess, waitForUrl } from './load';

const PORTS = { off: 3230, on: 3231, sampled: 3232, sink: 3239 };

export async function run(opts: BenchOptions): Promise<void> {
  process.env.DATABASE_NAME ??= 'afirgen_test';
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('No production build yet: running next build…');
    execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  const { key, firId } = await makeBenchKey();
  const common = {
    NODE_ENV: 'production',
    DATABASE_NAME: process.env.DATABASE_NAME,
    // 100,000 a second: the limiter decides (one Redis call) but never refuses here.
    RATE_LIMIT_PER_KEY: '100000',
    RATE_LIMIT_GLOBAL: '1000000',
    RATE_LIMIT_WINDOW_SECONDS: '1',
  };
  const args = ['--import', 'tsx', '--import', './server/observability/tracing.ts', 'server/main.ts'];
  const sink = startProcess(process.execPath, ['--import', 'tsx', 'scripts/bench/otlp-sink.ts', String(PORTS.sink)], {});
  const tracingOn = { LOG_LEVEL: 'info', LOG_REQUESTS: 'true', METRICS_ENABLED: 'true', TRACING_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${PORTS.sink}` };
  const apps = {
    off: startProcess(process.execPath, args, { ...common, PORT: String(PORTS.off), LOG_LEVEL: 'warn', LOG_REQUESTS: 'false', METRICS_ENABLED: 'false', TRACING_ENABLED: 'false' }),
    on: startProcess(process.execPath, args, { ...common, ...tracingOn, PORT: String(PORTS.on) }),
    sampled: startProcess(process.execPath, args, { ...common, ...tracingOn, PORT: String(PORTS.sampled), OTEL_TRACES_SAMPLER_RATIO: '0.1' }),
  };
  const url = (p: number, path: string) => `http://127.0.0.1:${p}${path}`;
  const firPath = `/api/v1/firs/${firId}`;
  try {
    for (const p of [PORTS.off, PORTS.on, PORTS.sampled]) {
      await waitForUrl(url(p, '/api/bench/json'));
      // Render a page once: Next's AsyncLocalStorage is then on, as in any production process.
      await waitForUrl(url(p, '/login'));
      const res = await fetch(url(p, firPath), { headers: { authorization: `Bearer ${key}` } });
      if (!res.ok) throw new Error(`${firPath} answered ${res.status}: ${await res.text()}`);
    }
    console.error(`Measuring ${opts.connections} connections × ${opts.duration}s per target per round, ${opts.rounds} rounds interleaved (2s warm-up each)…`);
    const headers = { authorization: `Bearer ${key}` };
    const targets = [
      { label: 'json: all off', url: url(PORTS.off, '/api/bench/json'), pid: apps.off.pid },
      { label: 'json: all on', url: url(PORTS.on, '/api/bench/json'), pid: apps.on.pid },
      { label: 'json: all on, 10 % traced', url: url(PORTS.sampled, '/api/bench/json'), pid: apps.sampled.pid },
      { label: 'fir: all off', url: url(PORTS.off, firPath), pid: apps.off.pid, headers },
      { label: 'fir: all on', url: url(PORTS.on, firPath), pid: apps.on.pid, headers },
      { label: 'fir: all on, 10 % traced', url: url(PORTS.sampled, firPath), pid: apps.sampled.pid, headers },
    ];
    const r = (await interleaved(targets, opts)) as LoadResult[];
    const [jOff, jOn, jSampled, sOff, sOn, sSampled] = r as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
    printTable([jOff, jOn, jSampled], jOff);
    printTable([sOff, sOn, sSampled], sOff);
    const line = (name: string, off: LoadResult, on: LoadResult) => {
      const ratio = on.rps / off.rps;
      const cpu = on.cpuUsPerRequest && off.cpuUsPerRequest ? `; CPU per request off/on = ${(off.cpuUsPerRequest / on.cpuUsPerRequest).toFixed(3)}` : '';
      return `${name}: ${ratio.toFixed(3)} in req/s (goal >= 0.9: ${ratio >= 0.9 ? 'met' : 'NOT met'})${cpu}`;
    };
    console.log(line('json, all on / all off', jOff, jOn));
    console.log(line('json, 10 % traced / all off', jOff, jSampled));
    console.log(line('fir, all on / all off', sOff, sOn));
    console.log(line('fir, 10 % traced / all off', sOff, sSampled));
    if (r.some((x) => x.errors + x.non2xx > 0)) {
      console.log('warning: some requests failed; the figures above are not clean');
      process.exitCode = 1;
    }
  } finally {
    for (const a of Object.values(apps)) a.kill('SIGTERM');
    sink.kill('SIGTERM');
  }
  process.exit();
}

/** An admin of its own, an API key for the authenticated route, and a FIR to read. */
async function makeBenchKey(): Promise<{ key: string; firId: string }> {
  const { db, disconnectAll } = await import('../../server/data');
  const { createApiKey, hashPassword } = await import('../../server/auth');
  const user = await db.user.create({
    data: { email: `bench.${randomUUID().slice(0, 8)}@bench.afirgen`, name: 'Overhead bench', role: 'admin', stationId: null, passwordHash: await hashPassword(randomUUID()) },
  });
  const created = await createApiKey(db, { kind: 'user', userId: user.id, role: 'admin', stationId: null, name: user.name }, { name: 'overhead bench', stationId: null });
  const fir = await db.fir.findFirst({ select: { id: true } });
  await disconnectAll();
  if (!fir) throw new Error(`No FIR in ${process.env.DATABASE_NAME}: run the browser tests once (they seed it), or npm run db -- seed with DATABASE_NAME set`);
  return { key: created.key, firId: fir.id };
}
