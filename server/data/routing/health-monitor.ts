// The health monitor: every interval (DB_HEALTH_INTERVAL_MS, 10 s by default, 1 s at
// the least) it checks each node on a fresh connection — reachable, role, WAL
// position, replication lag from the replica's end (received − replayed) and from the
// primary's (current − replayed, pg_stat_replication) — and samples CPU where the node
// is local. It then updates the read router (read set with lag hysteresis, replay
// positions, CPU), the metrics and an hour of history for the console, and warns when
// a node goes down or a replica's lag passes the limit.
//
// Lag in seconds is measured against the primary's own history: the time since the
// primary was last at a position the replica has not replayed past. Unlike
// now() − pg_last_xact_replay_timestamp() it does not grow on an idle primary.
import pg from 'pg';
import { logger, TimeSeries } from '../../observability';
import { addressOf } from '../node-health';
import { CpuSampler } from './node-cpu';
import { parseLsn } from './lsn';
import { dataMetrics } from './metrics';
import { nextInReadSet, type LagLimits } from './read-set';
import { weightOf } from './balancer';
import type { ReadRouter } from './read-router';
import type { SyncCommitGuard } from './sync-commit';

export type MonitoredNode = { name: string; url: string; dataDir: string | null };

export type NodeReport = {
  name: string;
  address: string;
  up: boolean;
  role: 'primary' | 'replica' | 'unknown';
  checkedAt: number;
  latencyMs: number;
  /** the primary's current WAL position, or a replica's replay position */
  lsn: string | null;
  replayPaused: boolean;
  /** replicas: received − replayed (replica's view) and primary current − replayed (primary's view) */
  lagBytesReplica: number | null;
  lagBytesPrimary: number | null;
  lagSeconds: number | null;
  /** seconds pg_stat_replication reports (replay_lag), null when idle or unknown */
  replayLagPrimarySeconds: number | null;
  cpu: number | null;
  inReadSet: boolean;
  markedOut: boolean;
  weight: number | null;
  error?: string;
};

export type HealthMonitorOptions = {
  intervalMs: number;
  limits: LagLimits;
  /** the operator's "mark out of the read set", shared by every instance (Redis); local when absent */
  markedOut?: () => Promise<Set<string>>;
  /** what to do about synchronous commit when no replica streams */
  syncCommit?: SyncCommitGuard;
};

const HISTORY_KEEP_MS = 60 * 60_000;

type Probe = {
  in_recovery: boolean;
  lsn: string | null;
  receive_lsn: string | null;
  paused: boolean;
};

type ReplicationRow = { name: string; state: string; replay_lsn: string | null; replay_lag: number | null };

async function probe(url: string, timeoutMs: number): Promise<{ row: Probe; replication: ReplicationRow[]; syncNames: string | null }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs, application_name: 'afirgen:health' });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<Probe>(
      `SELECT pg_is_in_recovery() AS in_recovery,
              (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn,
              pg_last_wal_receive_lsn()::text AS receive_lsn,
              CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END AS paused`,
    );
    const row = rows[0]!;
    const replication = row.in_recovery
      ? []
      : (
          await client.query<{ name: string; state: string; replay_lsn: string | null; replay_lag: string | null }>(
            `SELECT application_name AS name, state, replay_lsn::text AS replay_lsn, EXTRACT(EPOCH FROM replay_lag)::text AS replay_lag FROM pg_stat_replication`,
          )
        ).rows.map((r) => ({ ...r, replay_lag: r.replay_lag === null ? null : Number(r.replay_lag) }));
    const syncNames = row.in_recovery ? null : (await client.query<{ names: string }>('SELECT current_setting($1) AS names', ['synchronous_standby_names'])).rows[0]!.names;
    return { row, replication, syncNames };
  } finally {
    await client.end().catch(() => {});
  }
}

export class HealthMonitor {
  readonly series = new TimeSeries(10_000, HISTORY_KEEP_MS);
  private reports = new Map<string, NodeReport>();
  /** (time, primary WAL position) samples, oldest first, for lag in seconds */
  private primaryHistory: { at: number; lsn: bigint }[] = [];
  private readonly cpu = new CpuSampler();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<NodeReport[]> | null = null;
  private localMarkedOut = new Set<string>();
  lastCheckAt: number | null = null;
  checks = 0;
  /** what the primary said at its last good check: who counts for synchronous commit, who streams */
  primaryFacts: { node: string; syncNames: string; streaming: string[]; at: number } | null = null;

  constructor(
    private readonly router: ReadRouter,
    private readonly nodes: readonly MonitoredNode[],
    public options: HealthMonitorOptions,
  ) {
    router.onReplicaDown = (name, err) => this.noteDown(name, err);
  }

  private readonly roundListeners = new Set<(reports: NodeReport[]) => void | Promise<void>>();

  /** Called after every round with its reports (the failover controller). Returns an unsubscribe. */
  onRound(fn: (reports: NodeReport[]) => void | Promise<void>): () => void {
    this.roundListeners.add(fn);
    return () => this.roundListeners.delete(fn);
  }

  /**
   * A statement found the node unreachable: report it down now (alert, metrics, out of
   * the read set) and check every node again at once, which confirms or corrects it.
   */
  noteDown(name: string, err: unknown): void {
    const prev = this.reports.get(name);
    if (prev && !prev.up) return;
    const base = prev ?? this.blankReport(name);
    const report: NodeReport = { ...base, up: false, role: 'unknown', checkedAt: Date.now(), inReadSet: false, weight: null, error: err instanceof Error ? err.message : String(err) };
    this.reports.set(name, report);
    this.record(report, prev);
    this.checkAgain();
  }

  /** A fresh round after the one in progress (whose probes may predate what we just learnt). */
  checkAgain(): void {
    const running = this.running;
    void (running ? running.finally(() => this.checkNow()) : this.checkNow()).catch(() => {});
  }

  private blankReport(name: string): NodeReport {
    const url = this.nodes.find((n) => n.name === name)?.url ?? '';
    return { name, address: url ? addressOf(url) : '', up: true, role: 'unknown', checkedAt: 0, latencyMs: 0, lsn: null, replayPaused: false, lagBytesReplica: null, lagBytesPrimary: null, lagSeconds: null, replayLagPrimarySeconds: null, cpu: null, inReadSet: false, markedOut: false, weight: null };
  }

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  start(intervalMs = this.options.intervalMs): void {
    this.stop();
    this.options = { ...this.options, intervalMs };
    const tick = () => {
      void this.checkNow().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs).unref();
      });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get started(): boolean {
    return this.timer !== null;
  }

  latest(): NodeReport[] {
    return this.nodes.map((n) => this.reports.get(n.name)).filter((r): r is NodeReport => r !== undefined);
  }

  /** Marks a replica out of (or back into) the read set on this instance, at once. */
  setMarkedOutLocally(name: string, out: boolean): void {
    if (out) this.localMarkedOut.add(name);
    else this.localMarkedOut.delete(name);
    this.router.setFacts(name, { markedOut: out });
  }

  /** One round of checks now (concurrent calls share the round in progress). */
  checkNow(): Promise<NodeReport[]> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<NodeReport[]> {
    const timeoutMs = Math.max(500, Math.min(this.options.intervalMs, 3000));
    const at = Date.now();
    const markedOut = this.options.markedOut ? await this.options.markedOut().catch(() => this.localMarkedOut) : this.localMarkedOut;
    this.localMarkedOut = new Set(markedOut);
    const probes = await Promise.all(
      this.nodes.map(async (n) => {
        const started = performance.now();
        try {
          return { node: n, ok: true as const, ...(await probe(n.url, timeoutMs)), ms: performance.now() - started };
        } catch (err) {
          return { node: n, ok: false as const, error: err instanceof Error ? err.message : String(err), ms: performance.now() - started };
        }
      }),
    );
    // The topology's primary only: a fenced old primary that came back writable is not it.
    const primaryProbe = probes.find((p) => p.ok && !p.row.in_recovery && p.node.name === this.router.primaryName);
    const primaryLsn = primaryProbe?.ok ? parseLsn(primaryProbe.row.lsn ?? '') : null;
    if (primaryLsn !== null) {
      this.primaryHistory.push({ at, lsn: primaryLsn });
      while (this.primaryHistory.length > 2 && this.primaryHistory[0]!.at < at - HISTORY_KEEP_MS) this.primaryHistory.shift();
    }
    const replication = primaryProbe?.ok ? primaryProbe.replication : [];
    if (primaryProbe?.ok && primaryProbe.syncNames !== null) {
      this.primaryFacts = { node: primaryProbe.node.name, syncNames: primaryProbe.syncNames, streaming: replication.filter((r) => r.state === 'streaming').map((r) => r.name), at };
    }
    if (primaryProbe?.ok && primaryProbe.syncNames !== null && this.options.syncCommit) {
      const primaryUrl = primaryProbe.node.url;
      const facts = { syncNames: primaryProbe.syncNames, streaming: replication.filter((r) => r.state === 'streaming').length };
      await this.options.syncCommit.update(primaryUrl, facts).catch((err: unknown) => logger.error({ err }, 'could not change synchronous commit on the primary'));
    }

    for (const p of probes) {
      const prev = this.reports.get(p.node.name);
      const cpu = this.cpu.sample(p.node.name, p.node.dataDir);
      const base = { name: p.node.name, address: addressOf(p.node.url), checkedAt: at, latencyMs: Math.round(p.ms * 10) / 10, cpu };
      let report: NodeReport;
      if (!p.ok) {
        report = { ...base, up: false, role: 'unknown', lsn: null, replayPaused: false, lagBytesReplica: null, lagBytesPrimary: null, lagSeconds: null, replayLagPrimarySeconds: null, inReadSet: false, markedOut: markedOut.has(p.node.name), weight: null, error: p.error };
      } else {
        const role = p.row.in_recovery ? 'replica' : 'primary';
        const lsn = parseLsn(p.row.lsn ?? '');
        const recv = parseLsn(p.row.receive_lsn ?? '');
        const fromPrimary = replication.find((r) => r.name === p.node.name);
        const primaryReplay = fromPrimary?.replay_lsn ? parseLsn(fromPrimary.replay_lsn) : null;
        const isReplica = role === 'replica';
        const lagSeconds = isReplica ? this.lagSecondsAt(lsn, at) : 0;
        report = {
          ...base,
          up: true,
          role,
          lsn: p.row.lsn,
          replayPaused: p.row.paused,
          lagBytesReplica: isReplica && lsn !== null && recv !== null ? Number(recv > lsn ? recv - lsn : 0n) : null,
          lagBytesPrimary: isReplica && primaryLsn !== null && primaryReplay !== null ? Number(primaryLsn > primaryReplay ? primaryLsn - primaryReplay : 0n) : null,
          lagSeconds,
          replayLagPrimarySeconds: fromPrimary?.replay_lag ?? null,
          inReadSet: false,
          markedOut: markedOut.has(p.node.name),
          weight: null,
        };
      }
      if (this.router.replicas.has(p.node.name)) {
        const inReadSet = nextInReadSet(
          { wasIn: prev?.inReadSet ?? true, up: report.up, role: report.role, lagSeconds: report.lagSeconds, markedOut: report.markedOut },
          this.options.limits,
        );
        report.inReadSet = inReadSet;
        this.router.setFacts(p.node.name, {
          inReadSet: report.up && report.role === 'replica' && !report.markedOut && inReadSet,
          markedOut: report.markedOut,
          replayLsn: report.role === 'replica' ? parseLsn(report.lsn ?? '') : null,
          cpu,
        });
        const pool = this.router.replicas.get(p.node.name)!;
        report.weight = weightOf({ ewmaMs: pool.ewmaMs, inFlight: pool.inFlight, cpu });
      }
      this.reports.set(p.node.name, report);
      this.record(report, prev);
    }
    this.recordPools(at);
    this.lastCheckAt = at;
    this.checks++;
    const reports = this.latest();
    for (const fn of this.roundListeners) await Promise.resolve(fn(reports)).catch((err: unknown) => logger.error({ err }, 'health round listener failed'));
    return reports;
  }

  /** Seconds since the primary was last at or before `replayed`; 0 when caught up. */
  private lagSecondsAt(replayed: bigint | null, at: number): number | null {
    if (replayed === null) return null;
    const h = this.primaryHistory;
    if (h.length === 0) return null;
    if (replayed >= h[h.length - 1]!.lsn) return 0;
    // The first sample the replica has not reached: the primary was past it from then on.
    const firstAhead = h.find((s) => s.lsn > replayed);
    return firstAhead ? Math.max(0, (at - firstAhead.at) / 1000) : 0;
  }

  private record(r: NodeReport, prev: NodeReport | undefined): void {
    const n = r.name;
    dataMetrics.nodeUp.set({ node: n }, r.up ? 1 : 0);
    this.series.set(`${n}:up`, r.up ? 1 : 0, r.checkedAt);
    if (r.lagSeconds !== null && r.role === 'replica') {
      dataMetrics.lagSeconds.set({ node: n }, r.lagSeconds);
      this.series.set(`${n}:lagSeconds`, r.lagSeconds, r.checkedAt);
    }
    if (r.lagBytesReplica !== null) dataMetrics.lagBytes.set({ node: n, source: 'replica' }, r.lagBytesReplica);
    if (r.lagBytesPrimary !== null) {
      dataMetrics.lagBytes.set({ node: n, source: 'primary' }, r.lagBytesPrimary);
      this.series.set(`${n}:lagBytes`, r.lagBytesPrimary, r.checkedAt);
    }
    if (r.cpu !== null) {
      dataMetrics.cpu.set({ node: n }, r.cpu);
      this.series.set(`${n}:cpu`, r.cpu, r.checkedAt);
    }
    if (this.router.replicas.has(n)) {
      dataMetrics.inReadSet.set({ node: n }, r.inReadSet ? 1 : 0);
      if (r.weight !== null) dataMetrics.weight.set({ node: n }, r.weight);
    }
    // Alerts on state changes only: one line when a node goes down or lags, one when it recovers.
    const wasUp = prev?.up ?? true;
    if (wasUp && !r.up) logger.error({ node: n, address: r.address, err: r.error, alert: 'db_node_down' }, `database node ${n} is down`);
    if (!wasUp && r.up) logger.info({ node: n, alert: 'db_node_down', resolved: true }, `database node ${n} is back`);
    const limit = this.options.limits.outAboveSeconds;
    const lagging = (x: NodeReport | undefined) => (x?.lagSeconds ?? 0) > limit;
    if (!lagging(prev) && lagging(r)) logger.warn({ node: n, lagSeconds: r.lagSeconds, lagBytes: r.lagBytesPrimary, alert: 'db_replication_lag' }, `replica ${n} lags ${r.lagSeconds?.toFixed(1)} s (> ${limit} s): out of the read set`);
    if (lagging(prev) && !lagging(r) && r.up) logger.info({ node: n, lagSeconds: r.lagSeconds, alert: 'db_replication_lag', resolved: true }, `replica ${n} caught up`);
  }

  private recordPools(at: number): void {
    for (const [name, pool] of this.router.pools()) {
      const u = pool.utilization;
      dataMetrics.poolUtilization.set({ pool: name }, u);
      dataMetrics.poolConnections.set({ pool: name, state: 'total' }, pool.totalCount);
      dataMetrics.poolConnections.set({ pool: name, state: 'idle' }, pool.idleCount);
      dataMetrics.poolConnections.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      this.series.set(`pool:${name}:utilization`, u, at);
      pool.warnIfBusy();
    }
  }
}
