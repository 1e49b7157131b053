// Managed failover. Every instance runs one controller beside its health monitor:
//   detect   — the monitor's checks of the primary (and the write pool's refused
//              connects, which ask for a check at once) fail DB_FAILOVER_FAILURES times
//              in a row;
//   decide   — the instance that wins the Redis lease (SET NX PX) does the rest; the
//              others wait for the published topology;
//   promote  — the synchronous standby with the most WAL (choose-candidate.ts), only if
//              it cannot miss an acknowledged commit; pg_promote(), slots and
//              synchronous_standby_names on it, the other replicas re-pointed;
//   fence    — a new epoch (INCR), recorded by the stack manager (the old primary's data
//              directory is fenced until it is rewound) and published; every instance
//              moves its write pools to the new primary and writes only there;
//   rejoin   — local stack: the old primary is rewound back as a replica (`up`).
// Planned switchover (the console) stops the primary cleanly first, then promotes the
// chosen replica the same way.
import type { ReadRouter } from '../routing/read-router';
import type { HealthMonitor, NodeReport } from '../routing/health-monitor';
import { logger } from '../../observability';
import { syncStandbyNames } from '../local-stack/pg-settings';
import { chooseCandidate, type Candidate } from './choose-candidate';
import { conninfoFor, probeCandidates, promote, repointReplica } from './promote';
import { failoverMetrics, notifyFailover } from './notify';
import { TOPOLOGY_CHANNEL, ZPublishedTopology, type TFailoverEvent, type TopologyStore, type TPublishedTopology } from './topology-store';

/** What only the stack manager can do (registered by server/main.ts and tests, never bundled into Next). */
export type StackHooks = {
  recordFailover(newPrimary: string, epoch: number, oldPrimary: string | null): Promise<void>;
  /** rewind (else re-clone) a node back as a replica of the current primary, and start it */
  rejoin(name: string): Promise<void>;
  /** clean shutdown of a node (planned switchover) */
  stop(name: string): Promise<void>;
  start(name: string): Promise<void>;
  /**
   * synchronous_standby_names as last set on `primary` (read from its data directory), so
   * a failover never decides on a value the health monitor saw up to one interval ago:
   * a standby added since may hold acknowledged commits the others lack. Null if unknown.
   */
  syncNames?(primary: string): string | null;
};

export type FailoverOptions = {
  failuresToFail: number;
  leaseMs: number;
  autoRejoin: boolean;
  webhookUrl?: string;
};

const SIGNAL_EVERY_MS = 250; // refused writes ask for a check at most this often

export class FailoverController {
  private failures = 0;
  private firstFailureAt: number | null = null;
  private blockedReported = false;
  private running: Promise<void> | null = null;
  private lastSignal = 0;
  private unsubscribe: (() => void) | null = null;
  hooks: StackHooks | null = null;
  rejoining: { name: string; startedAt: number; finishedAt: number | null; error: string | null } | null = null;

  constructor(
    private readonly router: ReadRouter,
    private readonly monitor: HealthMonitor,
    private readonly store: TopologyStore,
    public options: FailoverOptions,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Follows the published topology (seeded from `recorded`), and starts watching the primary. */
  async start(recorded: TPublishedTopology, subscriber: { subscribe(ch: string): Promise<unknown>; on(ev: 'message', fn: (ch: string, msg: string) => void): unknown } | null): Promise<void> {
    const t = await this.store.seed(recorded).catch(() => recorded);
    this.apply(t);
    if (subscriber) {
      subscriber.on('message', (ch, msg) => {
        if (ch !== TOPOLOGY_CHANNEL) return;
        const p = ZPublishedTopology.safeParse(JSON.parse(msg));
        if (p.success) this.apply(p.data);
      });
      await subscriber.subscribe(TOPOLOGY_CHANNEL).catch((err: unknown) => logger.warn({ err }, 'topology channel not subscribed; following by polling only'));
    }
    this.unsubscribe?.();
    this.unsubscribe = this.monitor.onRound((r) => this.afterRound(r));
    this.router.primary.onUnreachable = () => {
      const now = Date.now();
      if (now - this.lastSignal < SIGNAL_EVERY_MS) return;
      this.lastSignal = now;
      this.monitor.checkAgain();
    };
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.router.primary.onUnreachable = null;
  }

  history(): Promise<TFailoverEvent[]> {
    return this.store.history();
  }

  /** Moves this instance's pools to the published primary, if it is newer than what we follow. */
  apply(t: TPublishedTopology): void {
    if (t.epoch < this.router.epoch) return;
    const moved = this.router.retarget(t.primary, t.epoch);
    failoverMetrics.epoch.set(this.router.epoch);
    if (moved) {
      this.failures = 0;
      this.firstFailureAt = null;
      logger.info({ primary: t.primary, epoch: t.epoch }, `following the new topology: ${t.primary} is the primary (epoch ${t.epoch})`);
    }
  }

  private async afterRound(reports: NodeReport[]): Promise<void> {
    // Polling as well as pub/sub: a message missed while Redis reconnected is caught here.
    const published = await this.store.read().catch(() => null);
    if (published && published.epoch > this.router.epoch) this.apply(published);
    const primary = reports.find((r) => r.name === this.router.primaryName);
    if (!primary) return;
    if (primary.up && primary.role === 'primary') {
      this.failures = 0;
      this.firstFailureAt = null;
      this.blockedReported = false;
      return;
    }
    this.failures++;
    this.firstFailureAt ??= primary.checkedAt;
    if (this.failures >= this.options.failuresToFail && !this.running) {
      this.running = this.failover(this.firstFailureAt, Date.now()).finally(() => {
        this.running = null;
      });
    }
  }

  private otherNodes(except: string): { name: string; url: string }[] {
    return [...this.router.nodeUrls].filter(([n]) => n !== except).map(([name, url]) => ({ name, url }));
  }

  private async failover(startedAt: number, detectedAt: number): Promise<void> {
    const leased = await this.store.acquireLease(this.options.leaseMs).catch((err: unknown) => {
      // No Redis, no decider: keep following the last topology rather than risk two primaries.
      if (this.blockedReported) return false;
      this.blockedReported = true;
      logger.error({ err, alert: 'db_failover_blocked' }, 'the primary is down but the failover lease cannot be taken (Redis unreachable); no automatic failover');
      return false;
    });
    if (!leased) return; // another instance decides
    try {
      const published = await this.store.read();
      if (published && published.epoch > this.router.epoch) return this.apply(published); // already done elsewhere
      const old = this.router.primaryName;
      // The guard cleared synchronous_standby_names when no replica streamed: commits since were not on a replica.
      const seen = this.router.syncCommit.state === 'degraded' ? '' : (this.monitor.primaryFacts?.node === old ? this.monitor.primaryFacts.syncNames : '');
      const set = this.hooks?.syncNames?.(old) ?? null;
      if (set !== null && set !== seen) logger.info({ seen, set }, 'failover: synchronous_standby_names changed since the last health check; deciding on the value last set');
      const syncNames = set ?? seen;
      const candidates = await probeCandidates(this.otherNodes(old));
      const choice = chooseCandidate(syncNames, candidates);
      if (!choice.ok) {
        if (!this.blockedReported) {
          this.blockedReported = true;
          await this.finish({ kind: 'failover', epoch: this.router.epoch, from: old, to: null, ok: false, reason: choice.reason, startedAt, detectedAt, promotedAt: null, lsn: null });
        }
        return;
      }
      await this.promoteTo('failover', old, choice.name, choice.lsn, candidates, startedAt, detectedAt, 'the primary stopped answering');
    } finally {
      await this.store.releaseLease().catch(() => {});
    }
  }

  /** Promote `target`, re-point the others, publish a new epoch and follow it here. */
  private async promoteTo(kind: TFailoverEvent['kind'], old: string, target: string, lsn: bigint, candidates: Candidate[], startedAt: number, detectedAt: number | null, reason: string): Promise<void> {
    const url = this.router.nodeUrls.get(target)!;
    const others = candidates.filter((c) => c.name !== target && c.reachable && c.inRecovery);
    // Commits wait for the remaining replicas from the first one on; the old primary joins
    // the list when it streams again (the stack manager's `up` sets it).
    await promote(url, this.otherNodes(target).map((n) => n.name), syncStandbyNames(others.map((c) => c.name)));
    const promotedAt = Date.now();
    await Promise.all(others.map((c) => repointReplica(this.router.nodeUrls.get(c.name)!, conninfoFor(url, c.name)).catch((err: unknown) => logger.error({ err, replica: c.name }, `could not re-point ${c.name} at ${target}`))));
    const epoch = await this.store.nextEpoch(this.router.epoch);
    await this.hooks?.recordFailover(target, epoch, old).catch((err: unknown) => logger.error({ err }, 'the stack manager could not record the failover'));
    const t = { primary: target, epoch, at: Date.now() };
    await this.store.publish(t);
    this.apply(t);
    // Started before anything else awaits, so `rejoining` names this node from now on.
    if (this.options.autoRejoin && this.hooks) void this.rejoin(old);
    await this.finish({ kind, epoch, from: old, to: target, ok: true, reason, startedAt, detectedAt, promotedAt, lsn: lsn.toString(16) });
  }

  private async finish(e: Omit<TFailoverEvent, 'instance' | 'finishedAt'>): Promise<void> {
    const event: TFailoverEvent = { ...e, instance: this.store.owner, finishedAt: Date.now() };
    await this.store.record(event).catch((err: unknown) => logger.warn({ err }, 'failover history not recorded in Redis'));
    await notifyFailover(event, this.options.webhookUrl);
  }

  /** Brings a former primary (or any replica) back through the stack manager; in the background. */
  async rejoin(name: string): Promise<void> {
    if (!this.hooks) throw new Error('no stack manager registered in this process');
    const r = { name, startedAt: Date.now(), finishedAt: null as number | null, error: null as string | null };
    this.rejoining = r;
    try {
      await this.hooks.rejoin(name);
      logger.info({ node: name }, `${name} rejoined as a replica of ${this.router.primaryName}`);
    } catch (err) {
      r.error = err instanceof Error ? err.message : String(err);
      logger.error({ err, node: name }, `${name} could not rejoin as a replica`);
    } finally {
      r.finishedAt = Date.now();
    }
  }

  /**
   * Planned switchover to `target`: the primary is shut down cleanly (it sends all its WAL
   * to the streaming replicas first), then `target` is promoted if it has everything;
   * if not, the old primary is started again and nothing changes.
   */
  async switchover(target: string, reason: string): Promise<TFailoverEvent | null> {
    if (!this.hooks) throw new Error('switchover needs the stack manager (local stack); a managed cluster switches over with its own tooling');
    if (this.running) throw new Error('a failover or switchover is already running');
    if (!this.router.replicas.has(target)) throw new Error(`${target} is not a replica`);
    let result: TFailoverEvent | null = null;
    const run = async () => {
      if (!(await this.store.acquireLease(this.options.leaseMs))) throw new Error('another instance is deciding a failover');
      const startedAt = Date.now();
      const old = this.router.primaryName;
      try {
        const before = await probeCandidates([{ name: target, url: this.router.nodeUrls.get(target)! }]);
        if (!before[0]!.reachable || !before[0]!.inRecovery) throw new Error(`${target} is not a reachable replica`);
        await this.hooks!.stop(old);
        const candidates = await probeCandidates(this.otherNodes(old));
        const best = candidates.filter((c) => c.reachable && c.flushLsn !== null).reduce<Candidate | null>((a, c) => (!a || c.flushLsn! > a.flushLsn! ? c : a), null);
        const mine = candidates.find((c) => c.name === target)!;
        if (!best || !mine.reachable || mine.flushLsn === null || mine.flushLsn < best.flushLsn!) {
          await this.hooks!.start(old);
          throw new Error(`${target} had not received all of the primary's WAL; the primary was started again`);
        }
        await this.promoteTo('switchover', old, target, mine.flushLsn, candidates, startedAt, null, reason);
        result = (await this.store.history())[0] ?? null;
      } finally {
        await this.store.releaseLease().catch(() => {});
      }
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    await this.running;
    return result;
  }
}
