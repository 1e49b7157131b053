// The stack's Redis: a daemonized redis-server on loopback with no persistence (a cache
// and job queue for development; reset means empty). Its pid file is checked against the
// running process, because a pid left by a killed Redis may belong to anything now.
import fs from 'node:fs';
import { logFile, shown, stackPaths, type NodeSpec, type StackConfig, type StackLogger } from './config';
import { StackError } from './errors';
import { logHint, openNodeLog } from './log-files';
import { preflight, type StopMode } from './preflight';
import { isAlive, procCmdline, procComm, readPidFile } from './process-info';
import { redisCommand, redisPing } from './resp';
import { run, waitUntil } from './run-command';

const q = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export function renderRedisConf(cfg: StackConfig): string {
  const p = stackPaths(cfg);
  return [
    '# Written by the local stack manager (server/data/local-stack) on every `up`.',
    'bind 127.0.0.1',
    `port ${cfg.redisPort}`,
    'daemonize yes',
    `pidfile ${q(p.redisPid)}`,
    `logfile ${q(logFile(cfg, 'redis'))}`,
    `dir ${q(p.redisData)}`,
    // No persistence: nothing in the dev cache/queues is worth keeping across a restart.
    'save ""',
    'appendonly no',
    '',
  ].join('\n');
}

export type RedisProcess = { pid: number } | { pid: null; stale: string | null };

export function redisProcess(cfg: StackConfig): RedisProcess {
  const file = stackPaths(cfg).redisPid;
  if (!fs.existsSync(file)) return { pid: null, stale: null };
  const pid = readPidFile(file);
  if (pid === null) return { pid: null, stale: 'it is unreadable' };
  if (!isAlive(pid)) return { pid: null, stale: `pid ${pid} is not running` };
  // A daemonized redis-server's title is "redis-server 127.0.0.1:<port>".
  const ours = procComm(pid) === 'redis-server' && (procCmdline(pid) ?? '').includes(`:${cfg.redisPort}`);
  return ours ? { pid } : { pid: null, stale: `pid ${pid} is now another program, ${procComm(pid) ?? '?'}` };
}

export type RedisArgs = { cfg: StackConfig; log: StackLogger; redisServer: string; deadline: number };

export async function startRedis(a: RedisArgs, spec: NodeSpec): Promise<'started' | 'running'> {
  const p = stackPaths(a.cfg);
  fs.mkdirSync(p.redisData, { recursive: true });
  fs.writeFileSync(p.redisConf, renderRedisConf(a.cfg));
  const proc = redisProcess(a.cfg);
  if (proc.pid !== null) {
    if (await waitUntil(() => redisPing(spec.port), Math.min(a.deadline, Date.now() + 5000))) return 'running';
    throw new StackError(`redis (pid ${proc.pid}) is running but does not answer PING on port ${spec.port}.${logHint(a.cfg, 'redis')}`, 'redis');
  }
  await preflight(spec, proc.stale, p.redisPid, a.log);
  a.log(`redis: starting on 127.0.0.1:${spec.port} (log ${shown(logFile(a.cfg, 'redis'))}) ...`);
  fs.closeSync(openNodeLog(a.cfg, 'redis', 'redis-server start'));
  const res = await run(a.redisServer, [p.redisConf], { timeoutMs: 10_000 });
  if (res.code !== 0) {
    const out = (res.stderr || res.stdout).trim().split('\n').pop() ?? '';
    throw new StackError(`redis did not start (exit ${res.code}${out ? `: ${out}` : ''}).${logHint(a.cfg, 'redis')}`, 'redis');
  }
  if (!(await waitUntil(() => redisPing(spec.port), a.deadline))) {
    throw new StackError(`redis does not answer PING on port ${spec.port}.${logHint(a.cfg, 'redis')}`, 'redis');
  }
  return 'started';
}

export async function stopRedis(cfg: StackConfig, spec: NodeSpec, mode: StopMode): Promise<boolean> {
  const proc = redisProcess(cfg);
  if (proc.pid === null) return false;
  const pid = proc.pid;
  const gone = () => !isAlive(pid);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  if (mode === 'fast') {
    await redisCommand(spec.port, ['SHUTDOWN', 'NOSAVE'], 3000).catch(() => null);
    if (await waitUntil(gone, Date.now() + 5000)) return true;
  }
  if (mode !== 'kill9') {
    signal('SIGTERM');
    if (await waitUntil(gone, Date.now() + 5000)) return true;
  }
  signal('SIGKILL');
  if (!(await waitUntil(gone, Date.now() + 5000))) {
    throw new StackError(`redis (pid ${pid}) survived SIGKILL for 5 s.`, 'redis');
  }
  return true;
}
