// Starting and stopping one PostgreSQL node with pg_ctl, and telling whether the pid in
// its postmaster.pid is really that node (pids get reused after a crash or a reboot).
import fs from 'node:fs';
import path from 'node:path';
import { logFile, shown, type NodeSpec, type StackConfig, type StackLogger } from './config';
import { StackError } from './errors';
import { lastAttempt, logHint, openNodeLog } from './log-files';
import { preflight, type StopMode } from './preflight';
import { isAlive, parsePostmasterPid, portOwner, procComm, procCwd } from './process-info';
import { run, sleep, waitUntil, type RunResult } from './run-command';

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export type PgProcess = { pid: number } | { pid: null; stale: string | null };

/** The live postmaster of this data directory, or why its postmaster.pid is stale. */
export function pgProcess(dir: string): PgProcess {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return { pid: null, stale: null };
  }
  const info = parsePostmasterPid(text);
  if (!info) return { pid: null, stale: 'it is unreadable' };
  if (!isAlive(info.pid)) return { pid: null, stale: `pid ${info.pid} is not running` };
  // The postmaster's working directory is its data directory; a reused pid's is not.
  const cwd = procCwd(info.pid);
  const ours = cwd !== null ? cwd === realpath(dir) : procComm(info.pid) === 'postgres';
  return ours ? { pid: info.pid } : { pid: null, stale: `pid ${info.pid} is now another program, ${procComm(info.pid) ?? '?'}` };
}

/**
 * A server whose data directory was deleted while it ran keeps its port and its
 * replication slot (it only notices after up to a minute). Its working directory shows
 * as "<dir> (deleted)", which tells it apart from anybody else's server: stop it.
 */
export async function findOrphan(spec: NodeSpec, dir: string): Promise<number | null> {
  const owner = await portOwner(spec.port);
  return owner && procCwd(owner.pid) === `${dir} (deleted)` ? owner.pid : null;
}

export async function stopOrphan(spec: NodeSpec, dir: string, log: StackLogger): Promise<void> {
  const pid = await findOrphan(spec, dir);
  if (pid === null) return;
  log(`${spec.name}: its data directory was deleted while it ran; stopping the orphaned server (pid ${pid}).`);
  for (const sig of ['SIGQUIT', 'SIGKILL'] as const) {
    try {
      process.kill(pid, sig);
    } catch {
      return;
    }
    if (await waitUntil(() => !isAlive(pid), Date.now() + 5000)) return;
  }
}

// Startup races that clear by themselves: orphaned backends of a killed postmaster still
// hold its shared memory for a moment.
const TRANSIENT = /pre-existing shared memory block|lock file .* already exists|could not bind/;

export type PgStartArgs = { cfg: StackConfig; log: StackLogger; pgCtl: string; deadline: number };

export async function startPg(a: PgStartArgs, spec: NodeSpec, dir: string): Promise<'started' | 'running'> {
  const proc = pgProcess(dir);
  if (proc.pid !== null) return 'running';
  await preflight(spec, proc.stale, path.join(dir, 'postmaster.pid'), a.log);
  a.log(`${spec.name}: starting on 127.0.0.1:${spec.port} (log ${shown(logFile(a.cfg, spec.name))}) ...`);
  for (;;) {
    const secs = Math.max(5, Math.ceil((a.deadline - Date.now()) / 1000));
    const fd = openNodeLog(a.cfg, spec.name, `pg_ctl start ${spec.name}`);
    let res: RunResult;
    try {
      res = await run(a.pgCtl, ['start', '-w', '-t', String(secs), '-D', dir], {
        asPostgres: true,
        outputFd: fd,
        timeoutMs: (secs + 5) * 1000,
      });
    } finally {
      fs.closeSync(fd);
    }
    if (res.code === 0) return 'started';
    const transient = lastAttempt(a.cfg, spec.name).some((l) => TRANSIENT.test(l));
    if (!transient || Date.now() > a.deadline) {
      throw new StackError(`${spec.name} did not start (pg_ctl exit ${res.code}).${logHint(a.cfg, spec.name)}`, spec.name);
    }
    await sleep(300);
  }
}

/** Stop a node; `fast` escalates to immediate and then SIGKILL, so it never hangs. */
export async function stopPg(a: PgStartArgs, spec: NodeSpec, dir: string, mode: StopMode): Promise<boolean> {
  const proc = pgProcess(dir);
  if (proc.pid === null) return false;
  const pid = proc.pid;
  const gone = () => !isAlive(pid);
  if (mode !== 'kill9') {
    const modes: StopMode[] = mode === 'fast' ? ['fast', 'immediate'] : ['immediate'];
    for (const m of modes) {
      const fd = openNodeLog(a.cfg, spec.name, `pg_ctl stop -m ${m} ${spec.name}`);
      try {
        await run(a.pgCtl, ['stop', '-m', m, '-w', '-t', '20', '-D', dir], { asPostgres: true, outputFd: fd, timeoutMs: 25_000 }).catch(() => null);
      } finally {
        fs.closeSync(fd);
      }
      if (await waitUntil(gone, Date.now() + 2000)) return true;
      a.log(`${spec.name}: pg_ctl stop -m ${m} did not stop pid ${pid}; escalating.`);
    }
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  if (!(await waitUntil(gone, Date.now() + 5000))) {
    throw new StackError(`${spec.name} (pid ${pid}) survived SIGKILL for 5 s.`, spec.name);
  }
  return true;
}
