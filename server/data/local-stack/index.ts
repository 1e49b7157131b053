// The local stack manager: a PostgreSQL primary with streaming (synchronous, quorum)
// replicas and a Redis server on loopback, for development, tests and chaos drills.
// Configuration comes from server/env.ts unless a StackConfig is passed in.
import { nodeNames as namesOf, shown, stackPaths, stderrLogger, type NodeName, type StackConfig, type StackOptions } from './config';
import { StackError, errorText } from './errors';
import { collectStatus, type NodeStatus } from './collect-status';
import { defaultStackConfig } from './default-config';
import { startNodeUnlocked, stopNodeUnlocked } from './node-control';
import type { StopMode } from './preflight';
import { downUnlocked, resetUnlocked } from './stack-down';
import { withStackLock } from './stack-lock';
import { upUnlocked, type UpResult } from './stack-up';
import { fenceAndRecord } from './failover-fence';

export type { NodeName, NodeSpec, StackConfig, StackEnv, StackLogger, StackOptions } from './config';
export { nodeSpecs, stackConfigFrom, logFile, APP_ROLE } from './config';
export type { NodeRole, NodeState, NodeStatus, ReplicationInfo } from './collect-status';
export type { StopMode } from './preflight';
export type { UpResult } from './stack-up';
export { StackError };
export { formatStatusTable } from './format-status';
export { defaultStackConfig } from './default-config';
export { FENCE_FILE } from './failover-fence';

/** After a failover or switchover: record the new primary and epoch, fence the old primary (`up` rewinds it). */
export function recordFailover(newPrimary: NodeName, epoch: number, oldPrimary: NodeName | null, opts?: StackOptions): Promise<void> {
  const { cfg, log } = resolve(opts);
  return withStackLock(cfg, log, async () => fenceAndRecord(cfg, newPrimary, epoch, oldPrimary));
}

function resolve(opts: StackOptions = {}) {
  return { cfg: opts.config ?? defaultStackConfig(), log: opts.log ?? stderrLogger };
}

/** A raw error (a connection refused mid-way, say) gets the context a reader needs. */
async function explained<T>(cfg: StackConfig, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StackError) throw err;
    throw new StackError(`${what} failed: ${errorText(err)}. The node logs are in ${shown(stackPaths(cfg).logs)}.`);
  }
}

/** Start whatever is not running and repair what can be repaired; idempotent. */
export function up(opts?: StackOptions): Promise<UpResult> {
  const { cfg, log } = resolve(opts);
  return withStackLock(cfg, log, () => explained(cfg, 'up', () => upUnlocked(cfg, log)));
}

/** Stop every node of the stack (fast shutdown, escalating); idempotent. */
export function down(opts?: StackOptions): Promise<void> {
  const { cfg, log } = resolve(opts);
  return withStackLock(cfg, log, () => explained(cfg, 'down', () => downUnlocked(cfg, log)));
}

/** down, delete all stack data (saying what), up. */
export function reset(opts?: StackOptions): Promise<UpResult> {
  const { cfg, log } = resolve(opts);
  return withStackLock(cfg, log, () => explained(cfg, 'reset', () => resetUnlocked(cfg, log)));
}

/** One row per node; nodes that are down are rows too, never an error. */
export function status(opts?: Pick<StackOptions, 'config'>): Promise<NodeStatus[]> {
  return collectStatus(opts?.config ?? defaultStackConfig());
}

/** Start one node's process from its existing data (no cloning: that is `up`). */
export function startNode(name: NodeName, opts?: StackOptions): Promise<void> {
  const { cfg, log } = resolve(opts);
  return withStackLock(cfg, log, () => explained(cfg, `starting ${name}`, () => startNodeUnlocked(cfg, log, name)));
}

/** Stop one node: 'fast' (clean), 'immediate' (no checkpoint), 'kill9' (SIGKILL, a crash). Returns false if it was not running. */
export function stopNode(name: NodeName, how: { mode: StopMode } & StackOptions = { mode: 'fast' }): Promise<boolean> {
  const { cfg, log } = resolve(how);
  return withStackLock(cfg, log, () => explained(cfg, `stopping ${name}`, () => stopNodeUnlocked(cfg, log, name, how.mode)));
}

/** primary, replica1..N, redis. */
export function nodeNames(config?: StackConfig): NodeName[] {
  return namesOf(config ?? defaultStackConfig());
}
