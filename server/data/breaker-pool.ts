// A pg Pool whose work goes through a circuit breaker, handed to Prisma's pg adapter
// (which runs plain queries with pool.query and transactions on pool.connect). When a
// node keeps failing (connection refused, shutdown — errors the classification calls
// dependency failures; a constraint violation never counts), the breaker opens and
// calls fail at once instead of each waiting on a dead node.
import { AsyncResource } from 'node:async_hooks';
import pg from 'pg';
import type { ManagedBreaker } from '../resilience/policies';
import { instrumentClient, markCaller } from './statement-hooks';

export class BreakerPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    readonly breaker: ManagedBreaker,
  ) {
    super(config);
    // Every client this pool opens reports its statements (server/data/statement-hooks).
    this.on('connect', (client) => instrumentClient(client, this.nodeLabel));
  }

  /**
   * The name its statements are reported under: the breaker's, so the primary's pools
   * say "primary" and "critical" whichever node is the primary after a failover.
   */
  get nodeLabel(): string {
    return this.breaker.name.replace(/^db:/, '');
  }

  // pg's own callback forms (pool.query uses connect(callback) inside) pass straight
  // through, so one call is counted once, by the outer promise form.
  override query(...args: unknown[]): never {
    const plain = (super.query as (...a: unknown[]) => unknown).bind(this);
    if (typeof args[args.length - 1] === 'function') return plain(...args) as never;
    markCaller(args); // statement listeners see this caller's request context
    return this.breaker.execute(() => plain(...args) as Promise<unknown>) as never;
  }

  override connect(...args: unknown[]): never {
    const plain = (super.connect as (...a: unknown[]) => unknown).bind(this);
    // A waiting callback is called from whichever request released a client: bind it to
    // its caller's async context, so its statements keep the caller's correlation id.
    if (args.length > 0) return plain(...args.map((a) => (typeof a === 'function' ? AsyncResource.bind(a as (...x: unknown[]) => unknown) : a))) as never;
    return this.breaker.execute(() => plain() as Promise<pg.PoolClient>) as never;
  }
}
