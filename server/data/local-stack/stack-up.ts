// `up`: check the machine, then bring every node to running (PostgreSQL and Redis in
// parallel), repairing what can be repaired without losing data. Returns once the
// primary accepts connections, every replica streams and Redis answers PING.
import fs from 'node:fs';
import { nodeSpecs, stackPaths, type NodeSpec, type StackConfig, type StackLogger } from './config';
import { checkPrerequisites } from './check-prerequisites';
import { collectStatus, type NodeStatus } from './collect-status';
import { dataDir, type Ctx } from './context';
import { findOrphan, pgProcess } from './pg-process';
import { ensurePgRoot } from './pg-root';
import { portTakenError } from './preflight';
import { portInUse, portOwner } from './process-info';
import { redisProcess, startRedis } from './redis-node';
import { allSettledOrThrow } from './run-command';
import { checkRecordedPorts, recordedPrimary, writeRecorded } from './stack-state';
import { checkPrimaryDir, upPostgres } from './up-postgres';

/**
 * Everything that would stop `up` half-way and that we can see before starting anything:
 * an untrustworthy primary directory, a port held by somebody else.
 */
async function checkBeforeStarting(ctx: Ctx, specs: readonly NodeSpec[]): Promise<void> {
  checkPrimaryDir(ctx, specs.find((s) => s.name === recordedPrimary(ctx.cfg))!);
  for (const spec of specs) {
    if (spec.kind === 'redis') {
      if (redisProcess(ctx.cfg).pid === null && (await portInUse(spec.port))) throw portTakenError(spec, await portOwner(spec.port));
      continue;
    }
    const dir = dataDir(ctx, spec.name);
    if (pgProcess(dir).pid !== null || !(await portInUse(spec.port))) continue;
    if ((await findOrphan(spec, dir)) === null) throw portTakenError(spec, await portOwner(spec.port));
  }
}

export type UpResult = { tookMs: number; nodes: NodeStatus[] };

export async function upUnlocked(cfg: StackConfig, log: StackLogger): Promise<UpResult> {
  const startedAt = Date.now();
  const deadline = startedAt + cfg.timeoutMs;
  const tools = await checkPrerequisites(cfg);
  const p = stackPaths(cfg);
  for (const d of [cfg.dir, p.logs, p.redisDir]) fs.mkdirSync(d, { recursive: true });
  checkRecordedPorts(cfg);
  const pgRoot = await ensurePgRoot(cfg, tools.postgresOwner, log);
  const ctx: Ctx = { cfg, log, tools, pgRoot, deadline };

  const specs = nodeSpecs(cfg);
  // In whatever roles the stack has: after a failover the primary is another node (stack.json).
  const primaryName = recordedPrimary(cfg);
  const primary = specs.find((s) => s.name === primaryName)!;
  const replicas = specs.filter((s) => s.kind === 'postgres' && s.name !== primaryName);
  const redis = specs.find((s) => s.kind === 'redis')!;
  await checkBeforeStarting(ctx, specs);
  await allSettledOrThrow<unknown>([
    upPostgres(ctx, primary, replicas),
    startRedis({ cfg, log, redisServer: tools.redisServer, deadline }, redis),
  ]);
  writeRecorded(cfg);
  return { tookMs: Date.now() - startedAt, nodes: await collectStatus(cfg) };
}
