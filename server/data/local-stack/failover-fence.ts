// The local stack's side of a failover or switchover (server/data/failover): record the
// new primary and epoch in stack.json, and fence the old primary — a marker in its data
// directory makes `up` rewind it onto the new primary's timeline (pg_rewind, else a
// fresh pg_basebackup) before it may start again, and never as a primary. `rejoin` is
// that `up`: the design's automatic resync.
import fs from 'node:fs';
import path from 'node:path';
import type { NodeName, NodeSpec } from './config';
import { dataDir, secondsLeft, type Ctx } from './context';
import { existingPgRoot } from './pg-root';
import { primaryPort, recordPrimary } from './stack-state';
import type { StackConfig } from './config';
import { run } from './run-command';
import { withClient } from './pg-admin';
import { stopPg } from './pg-process';
import { chownTo } from './pg-root';

/** In a data directory: this node was a primary that another node replaced; rewind it before it runs. */
export const FENCE_FILE = 'afirgen-fenced';

export function fenceAndRecord(cfg: StackConfig, newPrimary: NodeName, epoch: number, oldPrimary: NodeName | null): void {
  const pgRoot = existingPgRoot(cfg);
  if (oldPrimary && pgRoot) {
    const dir = path.join(pgRoot, oldPrimary);
    if (fs.existsSync(dir)) {
      fs.writeFileSync(path.join(dir, FENCE_FILE), `replaced by ${newPrimary} at epoch ${epoch}, ${new Date().toISOString()}\n`);
      // A standby.signal it may still have from an earlier life must not let it start before the rewind.
      fs.rmSync(path.join(dir, 'standby.signal'), { force: true });
    }
  }
  recordPrimary(cfg, newPrimary, epoch);
}

/** A replica that cannot follow the primary's timeline (it diverged at a failover): `up` rewinds it like a replaced primary. */
export function fenceDiverged(dir: string, why: string): void {
  fs.writeFileSync(path.join(dir, FENCE_FILE), `${why}, ${new Date().toISOString()}\n`);
}

export function isFenced(dir: string): boolean {
  return fs.existsSync(path.join(dir, FENCE_FILE));
}

/**
 * A fenced node (a replaced primary, or a replica that diverged): stop it if it runs,
 * then pg_rewind it from the current primary (which also finishes its crash recovery;
 * "no rewind required" when it had not diverged after all), make it a standby and lift
 * the fence. False when pg_rewind fails: the caller re-clones it instead.
 */
export async function rewindFenced(ctx: Ctx, spec: NodeSpec): Promise<boolean> {
  const dir = dataDir(ctx, spec.name);
  await stopPg({ cfg: ctx.cfg, log: ctx.log, pgCtl: ctx.tools.pgBin('pg_ctl'), deadline: ctx.deadline }, spec, dir, 'immediate');
  const port = primaryPort(ctx.cfg);
  // A standby.signal would make the crash recovery pg_rewind runs first refuse to start.
  fs.rmSync(path.join(dir, 'standby.signal'), { force: true });
  // A just-promoted primary's control file still names the old timeline until its first
  // checkpoint, and pg_rewind would then see "no rewind required" (its documentation says so).
  await withClient(port, 'postgres', (c) => c.query('CHECKPOINT'));
  const why = fs.readFileSync(path.join(dir, FENCE_FILE), 'utf8').trim();
  ctx.log(`${spec.name}: fenced (${why}); pg_rewind from the primary (port ${port}) ...`);
  const res = await run(
    ctx.tools.pgBin('pg_rewind'),
    ['-D', dir, '--source-server', `host=127.0.0.1 port=${port} user=postgres dbname=postgres`, '--no-sync'],
    { asPostgres: true, timeoutMs: secondsLeft(ctx) * 1000 },
  );
  if (res.code !== 0) {
    ctx.log(`${spec.name}: pg_rewind failed (${(res.stderr || res.stdout).trim().split('\n').pop()}); it will be re-cloned.`);
    return false;
  }
  for (const line of `${res.stdout}\n${res.stderr}`.split('\n').filter((l) => l.trim())) ctx.log(`${spec.name}: ${line.trim()}`);
  const signal = path.join(dir, 'standby.signal');
  fs.writeFileSync(signal, '');
  chownTo(ctx.tools.postgresOwner, signal);
  fs.rmSync(path.join(dir, FENCE_FILE), { force: true });
  ctx.log(`${spec.name}: rewound; it starts as a replica.`);
  return true;
}

