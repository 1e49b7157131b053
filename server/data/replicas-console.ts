// The Replicas console's view and controls: nodes with role, health, lag, weight, pool
// utilization and breaker state; an hour of lag history; mark a replica out of / back
// into the read set; resync a replica (local stack: stop it, discard its copy and let
// `up` clone it afresh from the primary, the base-backup path of the design's
// "automatic resync"). Every control takes effect, then is audit-logged.
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import { env, topology } from '../env';
import { AppError } from '../lib';
import { logger } from '../observability';
import { failover, healthMonitor, setMarkedOut, topologyMode } from './data-layer';
import { readRouter, type Db } from './prisma';
import { remember } from '../lib';

// After a failover the node named "primary" may be a replica, and a replicaN the primary.
const REPLICA = /^(primary|replica[1-9])$/;

export const ZReplicaActionInput = z
  .object({
    name: z.string().regex(REPLICA, 'A node is named primary, replica1, replica2…'),
    reason: z.string().trim().min(3, 'Say why, in a few words').max(500), // one line of the audit log
  })
  .strict();
export type TReplicaActionInput = z.infer<typeof ZReplicaActionInput>;

type Resync = { name: string; startedAt: number; finishedAt: number | null; error: string | null };
let lastResync: Resync | null = null;

function requireReplica(name: string): void {
  if (!readRouter.replicas.has(name)) throw new AppError('NOT_FOUND', `No replica named "${name}"`, { replica: name });
}

export async function replicasOverview() {
  const reports = healthMonitor.latest();
  const views = new Map(readRouter.views().map((v) => [v.name, v]));
  const pools = readRouter.pools().map(([name, p]) => ({
    name,
    node: p.node,
    role: p.role,
    total: p.totalCount,
    idle: p.idleCount,
    waiting: p.waitingCount,
    max: p.options.max ?? 0,
    utilization: p.utilization,
    ewmaMs: p.ewmaMs,
    breaker: p.breaker.state,
  }));
  const nodes = reports.map((r) => {
    const v = views.get(r.name);
    return { ...r, isPrimary: r.name === readRouter.primaryName, routable: v ? v.inReadSet && !v.breakerOpen : null };
  });
  const history = topologyMode === 'managed' ? await failover.history().catch(() => []) : [];
  // The chart: lag in seconds per replica, one point per 10 s bucket over the last hour.
  const series = healthMonitor.series.points().map((p) => {
    const point: Record<string, number | null> = { t: p.t };
    for (const name of readRouter.replicas.keys()) point[name] = p.values[`${name}:lagSeconds:max`] ?? null;
    return point;
  });
  return {
    nodes,
    pools,
    series,
    settings: {
      intervalMs: healthMonitor.intervalMs,
      monitoring: healthMonitor.started,
      lagOutSeconds: env.DB_LAG_OUT_SECONDS,
      lagBackSeconds: env.DB_LAG_BACK_SECONDS,
      routing: readRouter.routingOn,
      topology: topologyMode,
      canResync: topology.local && runner.run !== null,
      canSwitchover: topologyMode === 'managed' && failover.hooks !== null,
      syncCommit: { mode: readRouter.syncCommit.mode, state: readRouter.syncCommit.state, since: readRouter.syncCommit.changedAt },
    },
    lastCheckAt: healthMonitor.lastCheckAt,
    resync: lastResync,
    failover: {
      primary: readRouter.primaryName,
      epoch: readRouter.epoch,
      busy: failover.busy,
      rejoining: failover.rejoining,
      /** newest first: failovers and switchovers, from Redis (every instance's) */
      history,
    },
  };
}
export type ReplicasOverview = Awaited<ReturnType<typeof replicasOverview>>;

/** Planned switchover to a chosen replica: confirmed in the console, audit-logged, then done (a few seconds). */
export async function switchoverTo(db: Db, actor: Actor, { name, reason }: TReplicaActionInput) {
  requireReplica(name);
  if (topologyMode !== 'managed') throw new AppError('BAD_REQUEST', 'Switchover needs the managed topology (DB_TOPOLOGY=managed)');
  if (!failover.hooks) throw new AppError('BAD_REQUEST', 'This process cannot drive the database nodes (no stack manager registered)');
  if (failover.busy) throw new AppError('CONFLICT', 'A failover or switchover is already running');
  const from = readRouter.primaryName;
  const audited = await recordAudit(db, actor, { action: 'replica.switchover', target: `replica:${name}`, details: { reason, from } });
  try {
    const event = await failover.switchover(name, reason);
    return { audited, event };
  } catch (err) {
    throw new AppError('CONFLICT', `Switchover to ${name} not done: ${err instanceof Error ? err.message : String(err)}`, { replica: name });
  }
}

export async function markReplica(db: Db, actor: Actor, out: boolean, { name, reason }: TReplicaActionInput): Promise<{ audited: boolean }> {
  requireReplica(name);
  await setMarkedOut(name, out).catch((err: unknown) => {
    // Redis down: the mark holds on this instance only; say so in the log.
    logger.warn({ err, replica: name }, 'read-set mark not shared through Redis; it applies to this instance only');
  });
  await healthMonitor.checkNow();
  const audited = await recordAudit(db, actor, { action: out ? 'replica.mark_out' : 'replica.mark_in', target: `replica:${name}`, details: { reason } });
  return { audited };
}

/** Starts a resync in the background; the overview reports its progress. */
export async function resyncReplica(db: Db, actor: Actor, { name, reason }: TReplicaActionInput): Promise<{ audited: boolean; resync: Resync }> {
  requireReplica(name);
  if (!topology.local) throw new AppError('BAD_REQUEST', 'Resync is available for the local stack only; a managed cluster resyncs through its own tooling');
  if (lastResync && lastResync.finishedAt === null) throw new AppError('CONFLICT', `A resync of ${lastResync.name} is already running`);
  const resync: Resync = { name, startedAt: Date.now(), finishedAt: null, error: null };
  lastResync = resync;
  const audited = await recordAudit(db, actor, { action: 'replica.resync', target: `replica:${name}`, details: { reason } });
  void runResync(name).then(
    () => {
      resync.finishedAt = Date.now();
      logger.info({ replica: name }, `replica ${name} resynced from the primary`);
    },
    (err: unknown) => {
      resync.finishedAt = Date.now();
      resync.error = err instanceof Error ? err.message : String(err);
      logger.error({ err, replica: name }, `resync of ${name} failed`);
    },
  );
  return { audited, resync };
}

// The resync itself drives the local stack manager, which the server process registers
// at start (server/main.ts): keeping it out of here keeps it out of Next's bundle.
type ResyncRunner = (name: string) => Promise<void>;
const runner = remember('data:resync-runner', () => ({ run: null as ResyncRunner | null }));

export function setResyncRunner(run: ResyncRunner): void {
  runner.run = run;
}

async function runResync(name: string): Promise<void> {
  if (!runner.run) throw new Error('this process cannot drive the local stack (no resync runner registered)');
  await runner.run(name);
  await healthMonitor.checkNow();
}
