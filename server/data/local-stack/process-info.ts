// What the operating system says about a node: is its pid alive and really ours, who
// holds a port. Reads /proc directly (Linux), which is cheap enough for every `status`.
import fs from 'node:fs';
import net from 'node:net';
import { run } from './run-command';

/** Process state letter from /proc/<pid>/stat (R, S, Z...), null when there is none. */
export function procState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone we may not signal.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A killed daemon whose parent (init here may not reap) has not collected it is a zombie: dead.
  return procState(pid) !== 'Z';
}

export function procComm(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export function procCmdline(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

export function procCwd(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

export type PostmasterPid = { pid: number; dataDir: string; port: number | null };

/** postmaster.pid: line 1 pid, 2 data directory, 3 start time, 4 port, then more. */
export function parsePostmasterPid(text: string): PostmasterPid | null {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const port = Number(lines[3]?.trim());
  return { pid, dataDir: (lines[1] ?? '').trim(), port: Number.isInteger(port) && port > 0 ? port : null };
}

export function readPidFile(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True when something (anyone) already listens on 127.0.0.1:port, found by trying to bind it. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

/** `ss -ltnp` users field → the listening program; null when ss is missing or says nothing. */
export function parseSsOwner(output: string): { name: string; pid: number } | null {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(output);
  return m ? { name: m[1]!, pid: Number(m[2]) } : null;
}

export async function portOwner(port: number): Promise<{ name: string; pid: number } | null> {
  try {
    const res = await run('ss', ['-Hltnp', `sport = :${port}`], { timeoutMs: 3000 });
    return parseSsOwner(res.stdout);
  } catch {
    return null;
  }
}
