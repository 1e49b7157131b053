// One node's connection pool: BreakerPool (circuit breaker + statement hooks) plus what
// routing needs to know about it — statements in flight, an EWMA of statement latency,
// utilization — and, where asked, retries of connection failures with exponential
// backoff (1 s, 2 s, 4 s, half-jittered; 3 retries) for the write pool, so writes ride
// out a primary restart or failover instead of failing on the first refused connect.
import type pg from 'pg';
import { isBrokenCircuitError } from 'cockatiel';
import { Retrier, type ManagedBreaker } from '../../resilience/policies';
import { AppError } from '../../lib/app-error';
import { logger } from '../../observability';
import { BreakerPool } from '../breaker-pool';
import { isReadOnlyStatement } from './balancer';
import { noteWrite } from './read-your-writes';

export function statementText(first: unknown): string {
  return typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
}

export type PoolRole = 'write' | 'critical' | 'read';

export type NodePoolOptions = {
  role: PoolRole;
  /** the node it connects to: "primary", "replica1"… */
  node: string;
  connectionString: string;
  max: number;
  min: number;
  idleTimeoutMs: number;
  /** retry connection failures with backoff (write and critical pools) */
  retryConnect: boolean;
  retrier?: Retrier;
  /** writes and transactions through this pool count for the caller's read-your-writes */
  noteWrites: boolean;
  /** called before a write or transaction; throws to refuse it at once */
  beforeWrite?: () => void;
};

/** Errors raised before a statement reached the server: safe to retry even for a write. */
export function isConnectFailure(err: unknown): boolean {
  if (isBrokenCircuitError(err)) return false;
  const code = (err as { code?: unknown } | null)?.code;
  // refused/unreachable, or the server is starting up / shutting down / in recovery and refuses new sessions
  return code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === '57P03' || code === 'ENOTFOUND';
}

export const BUSY_UTILIZATION = 0.8; // the design's warning threshold
const BUSY_WARNING_EVERY_MS = 10_000;
const EWMA_ALPHA = 0.2; // about the last 10 statements weigh most

export class NodePool extends BreakerPool {
  readonly role: PoolRole;
  /** the node it connects to now; the write and critical pools move with a failover */
  node: string;
  private ewma: number | null = null;
  private readonly retrier: Retrier | null;
  private readonly noteWrites: boolean;
  private readonly beforeWrite: (() => void) | undefined;
  private lastBusyWarning = 0;

  constructor(opts: NodePoolOptions, breaker: ManagedBreaker) {
    super(
      {
        connectionString: opts.connectionString,
        max: opts.max,
        min: opts.min,
        idleTimeoutMillis: opts.idleTimeoutMs,
        connectionTimeoutMillis: 5_000,
        // Named in pg_stat_activity, so an operator sees which pool a backend belongs to.
        application_name: `afirgen:${opts.role}`,
      } as pg.PoolConfig,
      breaker,
    );
    // An idle client whose server died emits 'error' on the pool; unheard, that would end the process.
    this.on('error', (err) => logger.warn({ err: err.message, pool: opts.role, node: this.node }, `idle connection to ${this.node} lost`));
    this.role = opts.role;
    this.node = opts.node;
    this.noteWrites = opts.noteWrites;
    this.beforeWrite = opts.beforeWrite;
    const shouldRetry = (err: unknown) => {
      const retry = isConnectFailure(err);
      if (retry) this.onUnreachable?.(err);
      return retry;
    };
    this.retrier = opts.retryConnect ? (opts.retrier ?? new Retrier({ shouldRetry })) : null;
  }

  /** Told when a connect to its node fails (the failover controller counts it as a health signal). */
  onUnreachable: ((err: unknown) => void) | null = null;

  /**
   * Points the pool at another node (failover): new connections go there; idle ones to
   * the old node are closed, and ones in use are discarded when released.
   */
  repoint(node: string, connectionString: string): void {
    this.node = node;
    (this.options as { connectionString?: string }).connectionString = connectionString;
    // pg-pool's own bookkeeping (its maxLifetimeSeconds uses _expired the same way).
    const inner = this as unknown as { _clients: pg.PoolClient[]; _idle: { client: pg.PoolClient }[]; _expired: WeakSet<object>; _remove(c: pg.PoolClient): void };
    const idle = new Set(inner._idle.map((i) => i.client));
    for (const c of [...inner._clients]) {
      if (idle.has(c)) inner._remove(c);
      else inner._expired.add(c); // closed when released, never handed out again
    }
  }

  /** Connections checked out (statements and transactions) plus callers waiting for one. */
  get inFlight(): number {
    return this.totalCount - this.idleCount + this.waitingCount;
  }

  get ewmaMs(): number | null {
    return this.ewma;
  }

  /** checked-out connections / max, 0..1 */
  get utilization(): number {
    const max = this.options.max ?? 10;
    return Math.min(1, (this.totalCount - this.idleCount + this.waitingCount) / max);
  }

  /** Logs a warning when more than 80 % of the pool is in use (at most every 10 s). */
  warnIfBusy(): void {
    const u = this.utilization;
    if (u <= BUSY_UTILIZATION) return;
    const now = Date.now();
    if (now - this.lastBusyWarning < BUSY_WARNING_EVERY_MS) return;
    this.lastBusyWarning = now;
    logger.warn({ pool: this.role, node: this.node, utilization: u, total: this.totalCount, waiting: this.waitingCount, max: this.options.max }, `database pool ${this.role}:${this.node} is ${Math.round(u * 100)} % used`);
  }

  override query(...args: unknown[]): never {
    const run = () => (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (typeof args[args.length - 1] === 'function') return run() as never;
    if (this.noteWrites && !isReadOnlyStatement(statementText(args[0]))) {
      try {
        this.beforeWrite?.();
      } catch (err) {
        return Promise.reject(err) as never;
      }
      noteWrite();
    }
    return this.timed(() => (this.retrier ? this.withRetry(() => run() as Promise<unknown>) : (run() as Promise<unknown>))) as never;
  }

  override connect(...args: unknown[]): never {
    const run = () => (super.connect as (...a: unknown[]) => unknown).apply(this, args);
    if (args.length > 0) return run() as never;
    if (this.noteWrites) {
      // a transaction: assume it writes
      try {
        this.beforeWrite?.();
      } catch (err) {
        return Promise.reject(err) as never;
      }
      noteWrite();
    }
    if (!this.retrier) return run() as never;
    return this.withRetry(() => run() as Promise<pg.PoolClient>) as never;
  }

  /**
   * Retries connection failures; when they run out, the caller gets the last error as
   * the driver (or the breaker) raised it, so Prisma and the error mapping see what
   * they would have seen without the retries.
   */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.retrier!.execute(`db connect (${this.node})`, fn);
    } catch (err) {
      throw err instanceof AppError && err.cause !== undefined ? err.cause : err;
    }
  }

  /** Opens `min` connections now, so the first requests do not pay for them. */
  async prewarm(): Promise<void> {
    const n = this.options.min ?? 0;
    const clients = await Promise.allSettled(Array.from({ length: n }, () => (super.connect as () => Promise<pg.PoolClient>).call(this)));
    for (const c of clients) if (c.status === 'fulfilled') c.value.release();
  }

  private async timed<T>(fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    if (this.waitingCount > 0) this.warnIfBusy();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - started;
      this.ewma = this.ewma === null ? ms : this.ewma + EWMA_ALPHA * (ms - this.ewma);
    }
  }
}
