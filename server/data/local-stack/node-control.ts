// Start or stop one node, for chaos tests and failover: no cloning or bootstrap here,
// only the process. `up` is what repairs a node's data.
import path from 'node:path';
import { shown, specOf, type NodeName, type StackConfig, type StackLogger } from './config';
import { checkPrerequisites } from './check-prerequisites';
import { dataDir } from './context';
import { StackError } from './errors';
import { canConnect } from './pg-admin';
import { inspectDataDir } from './pg-data-dir';
import { startPg, stopPg } from './pg-process';
import { existingPgRoot } from './pg-root';
import type { StopMode } from './preflight';
import { startRedis, stopRedis } from './redis-node';
import { waitUntil } from './run-command';
import { asRecorded, recordedPrimary } from './stack-state';

export async function startNodeUnlocked(cfg: StackConfig, log: StackLogger, name: NodeName): Promise<void> {
  const spec = specOf(cfg, name);
  const tools = await checkPrerequisites(cfg);
  const deadline = Date.now() + cfg.timeoutMs;
  if (spec.kind === 'redis') {
    await startRedis({ cfg, log, redisServer: tools.redisServer, deadline }, spec);
    return;
  }
  const pgRoot = existingPgRoot(cfg);
  const dir = pgRoot ? dataDir({ pgRoot }, name) : null;
  // The role stack.json records (after a failover the primary is another node); a fenced
  // old primary has no standby.signal until `up` rewinds it, so it cannot start here.
  const state = dir ? inspectDataDir(dir, name === recordedPrimary(cfg) ? 'primary' : 'replica') : null;
  if (!dir || state?.kind !== 'ready') {
    throw new StackError(`${name} has no usable data directory${dir ? ` (${shown(dir)})` : ''}; \`npm run stack -- up\` makes it.`, name);
  }
  await startPg({ cfg, log, pgCtl: tools.pgBin('pg_ctl'), deadline }, spec, dir);
  if (!(await waitUntil(() => canConnect(spec.port), deadline, 200))) {
    throw new StackError(`${name} started but does not accept connections on port ${spec.port}.`, name);
  }
}

/** Stop one node; false when it was not running. */
export async function stopNodeUnlocked(current: StackConfig, log: StackLogger, name: NodeName, mode: StopMode): Promise<boolean> {
  const cfg = asRecorded(current);
  const spec = specOf(cfg, name);
  if (spec.kind === 'redis') return stopRedis(cfg, spec, mode);
  const pgRoot = existingPgRoot(cfg);
  if (!pgRoot) return false;
  const pgArgs = { cfg, log, pgCtl: path.join(cfg.pgBinDir, 'pg_ctl'), deadline: Date.now() + cfg.timeoutMs };
  return stopPg(pgArgs, spec, dataDir({ pgRoot }, name), mode);
}
