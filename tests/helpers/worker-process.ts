// A real worker process for tests: `node --import tsx server/jobs/worker-main.ts` with
// the test's environment (its own JOBS_PREFIX, the test database), started and waited
// for ("worker ready" on stdout), stopped by SIGTERM or killed with SIGKILL by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type WorkerProcess = {
  pid: number;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then waits for the exit; resolves with the exit code */
  stop: () => Promise<number | null>;
  /** SIGKILL: no cleanup at all, as a crash */
  kill9: () => Promise<void>;
};

export async function startWorker(env: Record<string, string>, readyTimeoutMs = 90_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/jobs/worker-main.ts'], {
    cwd: ROOT,
    // eslint-disable-next-line no-restricted-properties -- a test starting a child process
    env: { ...process.env, WORKER_METRICS_PORT: '0', WORKER_SCHEDULES: 'off', LOG_LEVEL: 'warn', SERVICE_NAME: 'afirgen-worker-test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready within ${readyTimeoutMs} ms:\n${out}`)), readyTimeoutMs);
    const onData = () => {
      if (out.includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before it was ready:\n${out}`));
    });
  });
  return {
    pid: child.pid!,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
