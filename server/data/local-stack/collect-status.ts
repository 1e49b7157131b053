// `status`: what each node is doing right now, read from pid files, the nodes themselves
// and the primary's pg_stat_replication. Never throws for a node that is down: a stopped
// or unreachable node is a row, not an error.
import fs from 'node:fs';
import path from 'node:path';
import { logFile, nodeSpecs, type NodeName, type NodeSpec, type StackConfig } from './config';
import { canConnect, isInRecovery, replicationRows, type ReplicationRow } from './pg-admin';
import { pgProcess } from './pg-process';
import { existingPgRoot } from './pg-root';
import { redisProcess } from './redis-node';
import { redisPing } from './resp';
import { dataDir } from './context';
import { recordedPrimary } from './stack-state';

export type NodeRole = 'primary' | 'replica' | 'redis';
export type NodeState = 'running' | 'stopped' | 'unreachable';
export type ReplicationInfo = Omit<ReplicationRow, 'name'>;

export type NodeStatus = {
  name: NodeName;
  role: NodeRole;
  port: number;
  pid: number | null;
  state: NodeState;
  /** replicas only: the primary's view of this replica; null when it is not connected */
  replication: ReplicationInfo | null;
  logFile: string;
};

function row(spec: NodeSpec, role: NodeRole, pid: number | null, state: NodeState, logPath: string): NodeStatus {
  return { name: spec.name, role, port: spec.port, pid, state, replication: null, logFile: logPath };
}

async function pgNodeStatus(cfg: StackConfig, pgRoot: string | null, spec: NodeSpec): Promise<NodeStatus> {
  const log = logFile(cfg, spec.name);
  const dir = pgRoot ? dataDir({ pgRoot }, spec.name) : null;
  // A node that does not answer: its data directory says what it will be when started.
  const has = (f: string) => dir !== null && fs.existsSync(path.join(dir, f));
  const onDisk: NodeRole = has('standby.signal') ? 'replica' : has('PG_VERSION') || spec.name === recordedPrimary(cfg) ? 'primary' : 'replica';
  const proc = dir ? pgProcess(dir) : { pid: null };
  if (proc.pid === null) return row(spec, onDisk, null, 'stopped', log);
  if (!(await canConnect(spec.port))) return row(spec, onDisk, proc.pid, 'unreachable', log);
  const recovering = await isInRecovery(spec.port).catch(() => null);
  return row(spec, recovering === null ? onDisk : recovering ? 'replica' : 'primary', proc.pid, 'running', log);
}

async function redisStatus(cfg: StackConfig, spec: NodeSpec): Promise<NodeStatus> {
  const proc = redisProcess(cfg);
  const state: NodeState = proc.pid === null ? 'stopped' : (await redisPing(spec.port)) ? 'running' : 'unreachable';
  return row(spec, 'redis', proc.pid, state, logFile(cfg, 'redis'));
}

export async function collectStatus(cfg: StackConfig): Promise<NodeStatus[]> {
  const pgRoot = existingPgRoot(cfg);
  const rows = await Promise.all(
    nodeSpecs(cfg).map((spec) => (spec.kind === 'redis' ? redisStatus(cfg, spec) : pgNodeStatus(cfg, pgRoot, spec))),
  );
  const primary = rows.find((r) => r.role === 'primary' && r.state === 'running' && r.name === recordedPrimary(cfg)) ??
    rows.find((r) => r.role === 'primary' && r.state === 'running');
  if (primary) {
    const repl = await replicationRows(primary.port).catch(() => [] as ReplicationRow[]);
    for (const row of rows) {
      if (row.role !== 'replica') continue;
      const r = repl.find((x) => x.name === row.name);
      row.replication = r ? { state: r.state, syncState: r.syncState, lagBytes: r.lagBytes, lagSeconds: r.lagSeconds } : null;
    }
  }
  return rows;
}
