// CPU use of a PostgreSQL node on this host: the postmaster and its child processes
// (backends, walsender, startup...), from /proc, as a share of the host's cores. Only
// where the node's data directory is local (the local stack); elsewhere null, and the
// balancer weighs by latency and in-flight count alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function ticksOf(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the comm: state(0) ppid(1) ... utime(11) stime(12)
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Total CPU ticks of the node's process tree (postmaster + direct children). */
export function nodeTicks(dataDir: string): number | null {
  const root = postmasterPid(dataDir);
  if (root === null) return null;
  const own = ticksOf(root);
  if (!own) return null;
  let total = own.ticks;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = ticksOf(Number(entry));
    if (p && p.ppid === root) total += p.ticks;
  }
  return total;
}

/** Samples a node's CPU share (0..1 of the host) between successive calls. */
export class CpuSampler {
  private last = new Map<string, { at: number; ticks: number }>();

  sample(name: string, dataDir: string | null): number | null {
    if (!dataDir) return null;
    const ticks = nodeTicks(dataDir);
    if (ticks === null) return null;
    const now = performance.now();
    const prev = this.last.get(name);
    this.last.set(name, { at: now, ticks });
    if (!prev || now <= prev.at || ticks < prev.ticks) return null;
    const seconds = (now - prev.at) / 1000;
    // Exited backends take their ticks with them, so a sample can under-count; never over 1.
    return Math.min(1, (ticks - prev.ticks) / TICKS_PER_SECOND / seconds / os.cpus().length);
  }
}
