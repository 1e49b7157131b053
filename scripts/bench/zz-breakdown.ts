import { interleaved, printTable, startProcess, waitForUrl } from './load';
const args = ['--import', 'tsx', '--import', './server/observability/tracing.ts', 'server/main.ts'];
const base = { NODE_ENV: 'production', DATABASE_NAME: 'afirgen_test', LOG_LEVEL: 'warn', LOG_REQUESTS: 'false', METRICS_ENABLED: 'false', TRACING_ENABLED: 'false' };
const sink = startProcess(process.execPath, ['--import', 'tsx', 'scripts/bench/otlp-sink.ts', '3249'], {});
const cfgs: [string, Record<string, string>][] = [
  ['off', {}],
  ['logs', { LOG_LEVEL: 'info', LOG_REQUESTS: 'true' }],
  ['metrics', { METRICS_ENABLED: 'true' }],
  ['trace100', { TRACING_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:3249' }],
  ['trace0', { TRACING_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:3249', OTEL_TRACES_SAMPLER_RATIO: '0' }],
];
const procs = cfgs.map(([n, e], i) => ({ n, port: 3240 + i, p: startProcess(process.execPath, args, { ...base, ...e, PORT: String(3240 + i) }) }));
try {
  for (const x of procs) { await waitForUrl(`http://127.0.0.1:${x.port}/api/bench/json`); await waitForUrl(`http://127.0.0.1:${x.port}/login`); }
  const r = await interleaved(procs.map((x) => ({ label: x.n, url: `http://127.0.0.1:${x.port}/api/bench/json`, pid: x.p.pid })), { duration: 4, connections: 50, rounds: 2 });
  printTable(r, r[0]!);
} finally { for (const x of procs) x.p.kill('SIGTERM'); sink.kill('SIGTERM'); }
process.exit();
