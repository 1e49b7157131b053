// `down` stops every node it finds (whatever STACK_REPLICAS says now), each with a
// bounded escalation, so it never hangs. `reset` is down, delete everything, up.
import fs from 'node:fs';
import path from 'node:path';
import { nodeSpecs, shown, stackPaths, type NodeName, type NodeSpec, type StackConfig, type StackLogger } from './config';
import { pgProcess, stopPg } from './pg-process';
import { existingPgRoot, fallbackPgRoot } from './pg-root';
import { redisProcess, stopRedis } from './redis-node';
import { allSettledOrThrow } from './run-command';
import { asRecorded } from './stack-state';
import { upUnlocked, type UpResult } from './stack-up';

export async function downUnlocked(current: StackConfig, log: StackLogger): Promise<void> {
  const cfg = asRecorded(current);
  const pgRoot = existingPgRoot(cfg);
  const pgArgs = { cfg, log, pgCtl: path.join(cfg.pgBinDir, 'pg_ctl'), deadline: Date.now() + 30_000 };
  const tasks: Promise<void>[] = [];
  const known = new Map(nodeSpecs(cfg).map((s) => [s.name as string, s]));
  for (const entry of pgRoot ? fs.readdirSync(pgRoot) : []) {
    const dir = path.join(pgRoot!, entry);
    if (pgProcess(dir).pid === null) continue;
    const spec: NodeSpec = known.get(entry) ?? { name: entry as NodeName, kind: 'postgres', port: 0 };
    tasks.push(stopPg(pgArgs, spec, dir, 'fast').then(() => log(`${entry}: stopped.`)));
  }
  const redis = nodeSpecs(cfg).find((s) => s.kind === 'redis')!;
  if (redisProcess(cfg).pid !== null) tasks.push(stopRedis(cfg, redis, 'fast').then(() => log('redis: stopped.')));
  if (tasks.length === 0) log('The local stack is not running.');
  await allSettledOrThrow(tasks);
}

export async function resetUnlocked(cfg: StackConfig, log: StackLogger): Promise<UpResult> {
  await downUnlocked(cfg, log);
  const p = stackPaths(cfg);
  const doomed = new Set<string>();
  const pgRoot = existingPgRoot(cfg);
  if (pgRoot) doomed.add(pgRoot);
  if (fs.existsSync(fallbackPgRoot(cfg))) doomed.add(fallbackPgRoot(cfg));
  for (const entry of fs.existsSync(cfg.dir) ? fs.readdirSync(cfg.dir) : []) {
    if (path.join(cfg.dir, entry) !== p.lock) doomed.add(path.join(cfg.dir, entry));
  }
  if (doomed.size > 0) {
    log(`Reset destroys the local databases (${cfg.database} and any scratch ones), Redis data and logs:`);
    for (const d of doomed) {
      log(`  deleting ${shown(d)}`);
      fs.rmSync(d, { recursive: true, force: true });
    }
  }
  return upUnlocked(cfg, log);
}
