// The pg.Pool that Prisma's adapter sees behind the routed clients (readDb, criticalDb).
// It opens no connections of its own: each statement goes to the pool the read router
// picks — writes to the primary's write pool, reads to a replica (or the primary), and
// transactions (pool.connect) to the primary — so services never know which node they hit.
import pg from 'pg';
import { isReadOnlyStatement } from './balancer';
import { dataMetrics } from './metrics';
import { statementText } from './node-pool';
import type { ReadRouter } from './read-router';

export class RoutingPool extends pg.Pool {
  constructor(
    private readonly router: ReadRouter,
    private readonly critical: boolean,
  ) {
    super({ max: 1 }); // never used to connect; Prisma's adapter reads .options
  }

  override query(...args: unknown[]): never {
    const call = (pool: pg.Pool) => (pool.query as (...a: unknown[]) => Promise<unknown>).apply(pool, args);
    const home = this.critical ? this.router.critical : this.router.primary;
    // Callback form (Prisma never uses it): no routing, the home pool.
    if (typeof args[args.length - 1] === 'function') return (home.query as (...a: unknown[]) => never).apply(home, args);
    const text = statementText(args[0]);
    if (!isReadOnlyStatement(text)) {
      dataMetrics.routes.inc({ target: this.critical ? 'critical' : 'primary', reason: 'write' });
      return call(home) as never;
    }
    return this.router.read(text, this.critical, call) as never;
  }

  override connect(...args: unknown[]): never {
    const home = this.critical ? this.router.critical : this.router.primary;
    return (home.connect as (...a: unknown[]) => never).apply(home, args);
  }

  /** The pools belong to the router; ending a routed client leaves them open. */
  override end(...args: unknown[]): never {
    const cb = args[0];
    if (typeof cb === 'function') {
      (cb as () => void)();
      return undefined as never;
    }
    return Promise.resolve() as never;
  }
}
