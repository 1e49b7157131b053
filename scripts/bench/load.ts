// Shared pieces of the HTTP benchmarks: autocannon runs (bounded, loopback only),
// child servers that are always killed, and the results table with ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';

export type LoadResult = {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** the server process's CPU time per request, when its pid is known: steadier than req/s on a shared machine */
  cpuUsPerRequest?: number;
};

export type Target = { label: string; url: string; pid?: number; headers?: Record<string, string> };

/** User + system CPU seconds of a process, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

export async function load(t: Target, opts: { duration: number; connections: number }): Promise<LoadResult> {
  // A short warm-up so JIT and connection setup are not in the measured window.
  await autocannon({ url: t.url, headers: t.headers, connections: opts.connections, duration: 2 });
  const cpuBefore = t.pid ? cpuSeconds(t.pid) : 0;
  const r = await autocannon({ url: t.url, headers: t.headers, connections: opts.connections, duration: opts.duration });
  const cpu = t.pid ? cpuSeconds(t.pid) - cpuBefore : 0;
  return {
    label: t.label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    ...(t.pid && r.requests.total > 0 ? { cpuUsPerRequest: (cpu * 1e6) / r.requests.total } : {}),
  };
}

export function startProcess(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return child;
}

export async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/**
 * Runs every target once per round, rounds interleaved, and keeps each target's
 * median round: on a shared, noisy machine a burst of outside load then hits all
 * targets alike instead of whichever happened to be running.
 */
export async function interleaved(
  targets: Target[],
  opts: { duration: number; connections: number; rounds: number },
): Promise<LoadResult[]> {
  const runs = new Map<string, LoadResult[]>(targets.map((t) => [t.label, []]));
  for (let round = 1; round <= opts.rounds; round++) {
    for (const t of targets) {
      const r = await load(t, opts);
      runs.get(t.label)!.push(r);
      const cpu = r.cpuUsPerRequest === undefined ? '' : `, ${r.cpuUsPerRequest.toFixed(1)} µs CPU/req`;
      console.error(`  round ${round}/${opts.rounds} ${t.label}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms${cpu}`);
    }
  }
  return targets.map((t) => {
    const sorted = [...runs.get(t.label)!].sort((a, b) => a.rps - b.rps);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const failures = sorted.reduce((n, r) => n + r.errors, 0);
    const non2xx = sorted.reduce((n, r) => n + r.non2xx, 0);
    const cpus = sorted.map((r) => r.cpuUsPerRequest).filter((c): c is number => c !== undefined).sort((a, b) => a - b);
    const cpuUsPerRequest = cpus.length ? cpus[Math.floor(cpus.length / 2)] : undefined;
    return { ...median, errors: failures, non2xx, ...(cpuUsPerRequest !== undefined ? { cpuUsPerRequest } : {}) };
  });
}

export function printTable(results: LoadResult[], baseline: LoadResult): void {
  const rows = results.map((r) => ({
    server: r.label,
    'req/s': Math.round(r.rps).toLocaleString('en-US'),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'vs baseline': `${((r.rps / baseline.rps) * 100).toFixed(1)} %`,
    'server CPU µs/req': r.cpuUsPerRequest === undefined ? '-' : r.cpuUsPerRequest.toFixed(1),
    'errors/non-2xx': `${r.errors}/${r.non2xx}`,
  }));
  console.table(rows);
}
