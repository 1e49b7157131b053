// `up` for PostgreSQL: primary first, then the replicas (cloned when missing, damaged or
// from an older primary), and only once they stream, synchronous replication and the
// writes of the bootstrap, because with synchronous_standby_names set and no replica
// connected every commit on the primary waits.
import fs from 'node:fs';
import path from 'node:path';
import { replicaNames, shown, type NodeSpec } from './config';
import { dataDir, type Ctx } from './context';
import { StackError } from './errors';
import { logHint } from './log-files';
import { canConnect, currentSyncNames, currentTimeline, streamsTimeline, dropSlot, ensureBootstrap, ensureSyncNames, isInRecovery, replicationRows, slotExists } from './pg-admin';
import { cloneReplica, initPrimary, inspectDataDir, removeDir, systemIdentifier, writeNodeConf } from './pg-data-dir';
import { pgProcess, startPg, stopOrphan, stopPg, type PgStartArgs } from './pg-process';
import { allSettledOrThrow, waitUntil } from './run-command';
import { primaryPort, recordedPrimary } from './stack-state';
import { replicaAutoConf, sameReplicaSettings } from './pg-settings';
import { fenceDiverged, isFenced, rewindFenced } from './failover-fence';
import { chownTo } from './pg-root';

const primarySpecName = (ctx: Ctx) => recordedPrimary(ctx.cfg);

const pgArgs = (ctx: Ctx): PgStartArgs => ({ cfg: ctx.cfg, log: ctx.log, pgCtl: ctx.tools.pgBin('pg_ctl'), deadline: ctx.deadline });

/** Start the node, restarting it first when its settings file just changed. */
async function ensureRunning(ctx: Ctx, spec: NodeSpec, confChanged: boolean): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  if (confChanged && pgProcess(dir).pid !== null) {
    ctx.log(`${spec.name}: settings changed; restarting.`);
    await stopPg(pgArgs(ctx), spec, dir, 'fast');
  }
  await startPg(pgArgs(ctx), spec, dir);
  // pg_ctl -w has returned for a node we started; one found running may still be starting up.
  if (!(await waitUntil(() => canConnect(spec.port), ctx.deadline, 200))) {
    throw new StackError(`${spec.name} is running but does not accept connections on port ${spec.port}.${logHint(ctx.cfg, spec.name)}`, spec.name);
  }
}

/** Refuse a primary directory we cannot trust: only the user may decide to throw it away. */
export function checkPrimaryDir(ctx: Ctx, spec: NodeSpec): void {
  const dir = dataDir(ctx, spec.name);
  const state = inspectDataDir(dir, 'primary');
  if (state.kind !== 'incomplete') return;
  throw new StackError(
    `The primary's data directory ${shown(dir)} is incomplete (${state.reason}), so the stack will not start it. ` +
      '`npm run stack -- reset` recreates it (this destroys the local database).',
    spec.name,
  );
}

async function upPrimary(ctx: Ctx, spec: NodeSpec): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  checkPrimaryDir(ctx, spec);
  const state = inspectDataDir(dir, 'primary');
  if (state.kind === 'absent') {
    await stopOrphan(spec, dir, ctx.log);
    await initPrimary(ctx, spec);
  }
  await ensureRunning(ctx, spec, writeNodeConf(ctx, dir, spec));
}

async function recloneReason(ctx: Ctx, spec: NodeSpec, primaryId: string | null): Promise<string | null> {
  const dir = dataDir(ctx, spec.name);
  const state = inspectDataDir(dir, 'replica');
  if (state.kind === 'absent') return null;
  if (state.kind === 'incomplete') {
    const pid = pgProcess(dir).pid;
    if (pid !== null && !(await isInRecovery(spec.port).catch(() => true))) {
      throw new StackError(
        `${spec.name} (pid ${pid}) is running as a primary (promoted?), but the stack's primary is ${primarySpecName(ctx)}, so the stack will not re-clone it over. ` +
          'Stop it with `npm run stack -- down`, then `npm run stack -- up` makes it a replica again.',
        spec.name,
      );
    }
    return `its data directory is incomplete (${state.reason})`;
  }
  if (systemIdentifier(dir) !== primaryId) return 'it was cloned from an earlier primary';
  if (!(await slotExists(primaryPort(ctx.cfg), spec.name))) return `its replication slot "${spec.name}" is missing on the primary`;
  return null;
}

// How long a replica may take to stream the primary's timeline before it is taken for
// diverged: a healthy one re-pointed at a new primary needs about a second.
const FOLLOW_GRACE_MS = 10_000;

/**
 * Clone, rewind, re-point and start a replica as needed; then make sure it follows the
 * primary's timeline. One that does not can never catch up by itself: it replayed WAL
 * past the point where the primary's timeline forked off (an asynchronous replica ahead
 * of the one promoted, or a rejoining node that received WAL the new primary never had).
 * So it is fenced and rewound onto the primary's timeline, and if that does not make it
 * follow either (the primary no longer has the WAL it needs), cloned afresh.
 */
async function upReplica(ctx: Ctx, spec: NodeSpec, primaryId: string | null): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  const follows = async (attempt: () => Promise<void>): Promise<string | null> => {
    try {
      await attempt();
    } catch (err) {
      // A directory `up` could not make usable is not something a rewind repairs.
      if (inspectDataDir(dir, 'replica').kind !== 'ready') throw err;
      return `it did not start (${err instanceof Error ? err.message : String(err)})`;
    }
    const tli = await currentTimeline(primaryPort(ctx.cfg));
    if (await waitUntil(() => streamsTimeline(spec.port, tli), Date.now() + FOLLOW_GRACE_MS, 200)) return null;
    return `it does not stream the primary's timeline ${tli} after ${FOLLOW_GRACE_MS / 1000} s`;
  };
  const first = await follows(() => prepareReplica(ctx, spec, primaryId, 3 * FOLLOW_GRACE_MS));
  if (first === null) return;
  ctx.log(`${spec.name}: ${first}; rewinding it onto the primary's timeline.`);
  fenceDiverged(dir, 'not following the primary\'s timeline');
  const second = await follows(() => prepareReplica(ctx, spec, primaryId, FOLLOW_GRACE_MS));
  if (second === null) return;
  ctx.log(`${spec.name}: after the rewind ${second}; re-cloning it from the primary.`);
  await stopPg(pgArgs(ctx), spec, dir, 'immediate');
  removeDir(dir);
  // The attempts before took their time; the copy gets the stack's usual time of its own.
  await prepareReplica({ ...ctx, deadline: Math.max(ctx.deadline, Date.now() + ctx.cfg.timeoutMs) }, spec, primaryId);
}

/** `startWithinMs`: give up on the start sooner than the stack's deadline (a standby that lacks WAL never gets ready). */
async function prepareReplica(ctx: Ctx, spec: NodeSpec, primaryId: string | null, startWithinMs?: number): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  // A primary replaced by a failover: onto the new timeline first, or a fresh copy.
  if (isFenced(dir) && !(await rewindFenced(ctx, spec))) removeDir(dir);
  const reason = await recloneReason(ctx, spec, primaryId);
  if (reason) {
    ctx.log(`${spec.name}: ${reason}; re-cloning it from the primary.`);
    await stopPg(pgArgs(ctx), spec, dir, 'immediate');
  }
  if (reason || inspectDataDir(dir, 'replica').kind === 'absent') {
    await stopOrphan(spec, dir, ctx.log);
    if (!(await dropSlot(primaryPort(ctx.cfg), spec.name, ctx.deadline))) {
      throw new StackError(`Replication slot "${spec.name}" on the primary stays in use, so ${spec.name} cannot be re-cloned.`, spec.name);
    }
    await cloneReplica(ctx, spec);
  }
  const repointed = pointAtPrimary(ctx, dir, spec);
  const deadline = startWithinMs === undefined ? ctx.deadline : Math.min(ctx.deadline, Date.now() + startWithinMs);
  await ensureRunning({ ...ctx, deadline }, spec, writeNodeConf(ctx, dir, spec) || repointed);
}

/** A replica whose primary_conninfo names another port (a failover happened while it was down) is re-pointed. */
function pointAtPrimary(ctx: Ctx, dir: string, spec: NodeSpec): boolean {
  const auto = path.join(dir, 'postgresql.auto.conf');
  const old = fs.existsSync(auto) ? fs.readFileSync(auto, 'utf8') : '';
  const text = replicaAutoConf(ctx.cfg, old, spec.name, primaryPort(ctx.cfg));
  // Failover may already have re-pointed it live (ALTER SYSTEM): same values, no restart.
  if (text === old || sameReplicaSettings(old, text)) return false;
  fs.writeFileSync(auto, text, { mode: 0o600 });
  chownTo(ctx.tools.postgresOwner, auto);
  ctx.log(`${spec.name}: pointed at the primary on port ${primaryPort(ctx.cfg)}.`);
  return true;
}

/** Replicas left over from a larger STACK_REPLICAS: stop them and free their slots. */
async function removeExtraReplicas(ctx: Ctx): Promise<void> {
  const wanted = new Set<string>(replicaNames(ctx.cfg));
  for (const entry of fs.readdirSync(ctx.pgRoot)) {
    const name = /^(replica\d+)(\.tmp)?$/.exec(entry)?.[1];
    if (!name || wanted.has(name)) continue;
    const dir = path.join(ctx.pgRoot, entry);
    const spec: NodeSpec = { name: name as NodeSpec['name'], kind: 'postgres', port: 0 };
    await stopPg(pgArgs(ctx), spec, dir, 'fast');
    if (!entry.endsWith('.tmp')) await dropSlot(primaryPort(ctx.cfg), name, ctx.deadline);
    removeDir(dir);
    ctx.log(`${entry}: not wanted with STACK_REPLICAS=${ctx.cfg.replicas}; stopped it, dropped its slot and data.`);
  }
}

/**
 * Wait until every replica streams and has replayed something (lag is a number), and,
 * with `quorum`, until the primary counts it for synchronous commit: after a reload
 * the walsenders take a moment to see the new synchronous_standby_names.
 */
async function waitStreaming(ctx: Ctx, replicas: readonly NodeSpec[], quorum = false): Promise<void> {
  if (replicas.length === 0) return;
  let last = new Map<string, string>();
  const ok = await waitUntil(async () => {
    const rows = await replicationRows(primaryPort(ctx.cfg)).catch(() => []);
    last = new Map(rows.map((r) => [r.name, r.lagBytes === null ? `${r.state}, nothing replayed yet` : r.state]));
    const counted = (name: string) => !quorum || rows.some((r) => r.name === name && r.syncState !== 'async');
    return replicas.every((r) => last.get(r.name) === 'streaming' && counted(r.name));
  }, ctx.deadline, 100);
  if (ok) return;
  const late = replicas.find((r) => last.get(r.name) !== 'streaming')!;
  const seen = last.get(late.name) ?? 'not connected';
  throw new StackError(
    `${late.name} is not streaming from the primary after ${Math.round(ctx.cfg.timeoutMs / 1000)} s ` +
      `(pg_stat_replication on the primary: ${seen}).${logHint(ctx.cfg, late.name)} ` +
      `If its copy is broken, delete ${shown(dataDir(ctx, late.name))} and \`npm run stack -- up\` clones it again.`,
    late.name,
  );
}

export async function upPostgres(ctx: Ctx, primary: NodeSpec, replicas: readonly NodeSpec[]): Promise<void> {
  await upPrimary(ctx, primary);
  // Writes are safe now only if synchronous replication is still off (a fresh stack).
  if ((await currentSyncNames(primary.port)) === '') await ensureBootstrap(ctx.cfg, ctx.log);
  const primaryId = systemIdentifier(dataDir(ctx, primary.name));
  await allSettledOrThrow(replicas.map((r) => upReplica(ctx, r, primaryId)));
  await removeExtraReplicas(ctx);
  // A replica repaired late (rewound, re-cloned) still gets a fair wait to stream.
  const settle = { ...ctx, deadline: Math.max(ctx.deadline, Date.now() + 20_000) };
  await waitStreaming(settle, replicas);
  await ensureSyncNames(ctx.cfg, ctx.log);
  await waitStreaming(settle, replicas, true);
  await ensureBootstrap(ctx.cfg, ctx.log);
}
