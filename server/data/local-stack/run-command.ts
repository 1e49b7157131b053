// Runs the stack's external programs with a hard timeout, a clean environment and,
// when we are root, as the postgres OS user (postgres refuses to run as root).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import { StackError } from './errors';

export const isRoot = (): boolean => process.getuid?.() === 0;

// A fixed environment: inherited PG* variables (PGHOST, PGPORT...) must not redirect us.
const CLEAN_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
};

export function runuserPath(): string | null {
  return ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p)) ?? null;
}

export type RunOptions = {
  timeoutMs: number;
  /** run as the postgres OS user when we are root */
  asPostgres?: boolean;
  /** send stdout and stderr to this file descriptor instead of collecting them */
  outputFd?: number;
};

export type RunResult = { code: number | null; stdout: string; stderr: string };

export function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  let file = cmd;
  let argv = [...args];
  if (opts.asPostgres && isRoot()) {
    file = runuserPath() ?? 'runuser';
    argv = ['-u', 'postgres', '--', cmd, ...args];
  }
  return new Promise((resolve, reject) => {
    const out = opts.outputFd;
    // cwd '/': the postgres user may not be able to enter the repo, and the tools complain.
    const stdio: StdioOptions = out === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', out, out];
    const child: ChildProcess = spawn(file, argv, { cwd: '/', env: CLEAN_ENV as unknown as NodeJS.ProcessEnv, detached: true, stdio });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new StackError(`${cmd.split('/').pop()} ${args[0] ?? ''} did not finish within ${Math.round(opts.timeoutMs / 1000)} s.`));
    }, opts.timeoutMs);
    child.on('error', (err: Error) => {
      clearTimeout(timer);
      reject(new StackError(`Could not run ${file}: ${err.message}`));
    });
    child.on('close', (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** run(), throwing a StackError with the tool's own message when it exits non-zero. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions & { what: string }): Promise<RunResult> {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    const detail = (res.stderr || res.stdout).trim().split('\n').slice(-4).join(' / ');
    throw new StackError(`${opts.what} failed (exit ${res.code}): ${detail || 'no output'}`);
  }
  return res;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `check` until it returns true or the deadline (epoch ms) passes. */
export async function waitUntil(check: () => Promise<boolean> | boolean, deadline: number, everyMs = 100): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(everyMs, Math.max(0, deadline - Date.now())));
  }
}

/** Like Promise.all, but waits for every task before throwing the first failure, so no step keeps running unobserved. */
export async function allSettledOrThrow<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
