// The read router: owns the pools (write and critical on the primary, one read pool per
// replica), holds what the health monitor learns about each replica (read set, replay
// position, CPU), and decides per statement where it runs (balancer.ts).
import { isBrokenCircuitError } from 'cockatiel';
import { breakerRegistry } from '../../resilience/policies/breaker-registry';
import { isDependencyFailure } from '../../resilience/policies/classify';
import { route, WeightedRoundRobin, type ReplicaView, type RouteDecision } from './balancer';
import { parseLsn } from './lsn';
import { dataMetrics } from './metrics';
import { isConnectFailure, NodePool, type PoolRole } from './node-pool';
import { raiseToken, rywState } from './read-your-writes';
import { SyncCommitGuard, type SyncCommitMode } from './sync-commit';

export type PoolSettings = { writeMax: number; readMax: number; criticalMax: number; min: number; idleTimeoutMs: number };

export type ReplicaFacts = {
  inReadSet: boolean;
  markedOut: boolean;
  replayLsn: bigint | null;
  cpu: number | null;
};

/** pg's untyped query() through our overrides, typed. */
export async function rowsOf<R>(pool: NodePool, text: string): Promise<R[]> {
  const res = (await (pool.query as (t: string) => Promise<{ rows: R[] }>).call(pool, text)) as { rows: R[] };
  return res.rows;
}

/** The node itself is gone (refused, reset, terminated), not just a statement that failed. */
export function isConnectionLoss(err: unknown): boolean {
  if (isConnectFailure(err)) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE' || e?.code === '57P01' || e?.code === '57P02') return true;
  return typeof e?.message === 'string' && /Connection terminated|connection timeout|terminating connection/i.test(e.message);
}

const REPLAY_REFRESH_MS = 100; // on-demand replay-position polls, at most this often

export class ReadRouter {
  readonly primary: NodePool;
  readonly critical: NodePool;
  readonly replicas = new Map<string, NodePool>();
  readonly facts = new Map<string, ReplicaFacts>();
  /** synchronous commit without replicas (server/data/routing/sync-commit.ts) */
  readonly syncCommit: SyncCommitGuard;
  /** every database node by name, whatever its role now: primary, replica1… */
  readonly nodeUrls = new Map<string, string>();
  /** the node the write and critical pools point at, and the topology epoch that says so */
  primaryName = 'primary';
  epoch = 0;
  private readonly makePool: (role: PoolRole, node: string, url: string) => NodePool;
  private readonly rr = new WeightedRoundRobin();
  private lastReplayRefresh = 0;
  /**
   * Told when a statement on a replica fails because the node is unreachable, so the
   * health monitor learns it now rather than at its next interval (health-monitor.ts).
   */
  onReplicaDown: ((name: string, err: unknown) => void) | null = null;

  constructor(
    nodes: readonly { name: string; url: string }[],
    primaryName: string,
    readonly settings: PoolSettings,
    public routingOn = true,
    syncMode: SyncCommitMode = 'degrade',
  ) {
    this.syncCommit = new SyncCommitGuard(syncMode);
    this.makePool = (role, node, url) => {
      const max = role === 'write' ? settings.writeMax : role === 'critical' ? settings.criticalMax : settings.readMax;
      return new NodePool(
        {
          role,
          node,
          connectionString: url,
          max,
          min: Math.min(settings.min, max),
          idleTimeoutMs: settings.idleTimeoutMs,
          retryConnect: role !== 'read',
          noteWrites: role !== 'read',
          ...(role !== 'read' ? { beforeWrite: () => this.syncCommit.assertWritable() } : {}),
        },
        // Breakers by pool: the write and critical pools keep theirs through a failover.
        breakerRegistry.breaker(role === 'write' ? 'db:primary' : role === 'critical' ? 'db:critical' : `db:${node}`),
      );
    };
    for (const n of nodes) this.nodeUrls.set(n.name, n.url);
    const primaryUrl = this.nodeUrls.get(primaryName);
    if (!primaryUrl) throw new Error(`unknown primary node ${primaryName}`);
    this.primaryName = primaryName;
    this.primary = this.makePool('write', primaryName, primaryUrl);
    this.critical = this.makePool('critical', primaryName, primaryUrl);
    for (const [name, url] of this.nodeUrls) if (name !== primaryName) this.addReplica(name, url);
  }

  private addReplica(name: string, url: string, inReadSet = true): void {
    this.replicas.set(name, this.makePool('read', name, url));
    // In the read set from the start (replicas of the local stack are synchronous);
    // the first health check corrects this within one interval.
    this.facts.set(name, { inReadSet, markedOut: false, replayLsn: null, cpu: null });
  }

  /**
   * Follows a topology change (server/data/failover): the write and critical pools move
   * to the new primary, its read pool goes, and the old primary gets one (out of the
   * read set until a health check finds it replicating). Breakers of the moved pools are
   * reset: they opened on the dead node, not on the new one.
   */
  retarget(primaryName: string, epoch: number): boolean {
    if (epoch < this.epoch) return false;
    this.epoch = epoch;
    if (primaryName === this.primaryName) return false;
    const url = this.nodeUrls.get(primaryName);
    if (!url) throw new Error(`unknown database node ${primaryName}`);
    const old = this.primaryName;
    this.primaryName = primaryName;
    this.primary.repoint(primaryName, url);
    this.critical.repoint(primaryName, url);
    breakerRegistry.reset('db:primary', `failover to ${primaryName} (epoch ${epoch})`);
    breakerRegistry.reset('db:critical', `failover to ${primaryName} (epoch ${epoch})`);
    const gone = this.replicas.get(primaryName);
    this.replicas.delete(primaryName);
    this.facts.delete(primaryName);
    void gone?.end().catch(() => {});
    if (!this.replicas.has(old)) this.addReplica(old, this.nodeUrls.get(old)!, false);
    this.syncCommit.reset();
    return true;
  }

  /** Every pool, by a name for the console and metrics: write, critical, read:replica1… */
  pools(): [string, NodePool][] {
    return [['write', this.primary], ['critical', this.critical], ...[...this.replicas].map(([n, p]) => [`read:${n}`, p] as [string, NodePool])];
  }

  views(): ReplicaView[] {
    return [...this.replicas].map(([name, pool]) => {
      const f = this.facts.get(name)!;
      const state = pool.breaker.state;
      return {
        name,
        inReadSet: f.inReadSet && !f.markedOut,
        breakerOpen: state === 'open' || state === 'isolated',
        replayLsn: f.replayLsn,
        ewmaMs: pool.ewmaMs,
        inFlight: pool.inFlight,
        cpu: f.cpu,
      };
    });
  }

  setFacts(name: string, patch: Partial<ReplicaFacts>): void {
    const f = this.facts.get(name);
    if (f) Object.assign(f, patch);
  }

  decide(text: string | null, critical: boolean, excluded: ReadonlySet<string> = new Set()): RouteDecision {
    const s = rywState();
    const views = this.views().filter((v) => !excluded.has(v.name));
    const d = route({ text, critical, token: s.token, wroteHere: s.wrote, routingOn: this.routingOn }, views, this.rr);
    if (d.reason === 'own-write') this.refreshReplayPositions();
    dataMetrics.routes.inc({ target: d.target, reason: d.reason });
    return d;
  }

  poolFor(target: string): NodePool {
    if (target === 'primary') return this.primary;
    if (target === 'critical') return this.critical;
    return this.replicas.get(target) ?? this.primary;
  }

  /** After a write, the primary's current WAL position becomes the caller's token. */
  async takeToken(): Promise<bigint | null> {
    const s = rywState();
    if (!s.wrote) return s.token;
    s.wrote = false;
    const rows = await rowsOf<{ lsn: string }>(this.critical, 'SELECT pg_current_wal_lsn()::text AS lsn');
    const lsn = parseLsn(rows[0]!.lsn);
    if (lsn !== null) raiseToken(s, lsn);
    return s.token;
  }

  /**
   * Runs a read-only statement where routing says, moving to the next candidate when a
   * replica fails as a dependency (down, circuit open): reads are safe to repeat.
   */
  async read<T>(text: string, critical: boolean, run: (pool: NodePool) => Promise<T>): Promise<T> {
    if (!critical && rywState().wrote) await this.takeToken();
    const excluded = new Set<string>();
    for (;;) {
      const d = this.decide(text, critical, excluded);
      const pool = this.poolFor(d.target);
      try {
        return await run(pool);
      } catch (err) {
        const replica = d.target !== 'primary' && d.target !== 'critical';
        if (!replica || !(isBrokenCircuitError(err) || isDependencyFailure(err))) throw err;
        excluded.add(d.target);
        if (isConnectionLoss(err)) {
          // Out of the read set at once, for every caller, until a health check says otherwise.
          this.setFacts(d.target, { inReadSet: false });
          this.onReplicaDown?.(d.target, err);
        }
        dataMetrics.routes.inc({ target: d.target, reason: 'failed-over' });
      }
    }
  }

  /** Polls replay positions of replicas in the read set (throttled, in the background). */
  refreshReplayPositions(): void {
    const now = Date.now();
    if (now - this.lastReplayRefresh < REPLAY_REFRESH_MS) return;
    this.lastReplayRefresh = now;
    for (const [name, pool] of this.replicas) {
      if (!this.facts.get(name)?.inReadSet) continue;
      rowsOf<{ lsn: string | null }>(pool, 'SELECT pg_last_wal_replay_lsn()::text AS lsn')
        .then((rows) => {
          const lsn = rows[0]?.lsn ? parseLsn(rows[0].lsn) : null;
          if (lsn !== null) this.setFacts(name, { replayLsn: lsn });
        })
        .catch(() => {});
    }
  }

  /** Opens each pool's minimum connections; failures are logged by the caller, not fatal. */
  async prewarm(): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled(this.pools().map(([, p]) => p.prewarm()));
  }

  async end(): Promise<void> {
    await Promise.allSettled(this.pools().map(([, p]) => p.end()));
  }
}
