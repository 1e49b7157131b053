// The one registry of circuit breakers in the process: every dependency's breaker is
// made through it, by name ("model:llm", "model:asr", "redis:cache", "db:primary",
// "db:replica1", ...), so the console can list them all and an operator can isolate
// or reset any one. One per process (remember), shared by Next's bundled copy of
// server/ and the custom server's.
import { AppError, remember } from '../../lib';
import { ManagedBreaker, type BreakerOptions, type BreakerSnapshot } from './breakers';

const NAME = /^[a-z][a-z0-9_-]*(?::[a-z0-9_.-]+)*$/i; // "kind:instance", used as a metric label

export class BreakerRegistry {
  private readonly breakers = new Map<string, ManagedBreaker>();

  /**
   * The breaker called `name`, made with `options` the first time it is asked for.
   * Later calls get the same breaker; their options are ignored (the first caller
   * configures it), so configure a dependency's breaker in one place.
   */
  breaker(name: string, options: Partial<BreakerOptions> = {}): ManagedBreaker {
    const known = this.breakers.get(name);
    if (known) return known;
    if (!NAME.test(name)) throw new RangeError(`breaker name must look like "kind:instance", got "${name}"`);
    const made = new ManagedBreaker(name, options);
    this.breakers.set(name, made);
    return made;
  }

  get(name: string): ManagedBreaker | undefined {
    return this.breakers.get(name);
  }

  names(): string[] {
    return [...this.breakers.keys()].sort();
  }

  /** Every breaker's state, counts and recent transitions, by name. */
  list(): BreakerSnapshot[] {
    return this.names().map((n) => this.breakers.get(n)!.snapshot());
  }

  snapshot(name: string): BreakerSnapshot {
    return this.require(name).snapshot();
  }

  /** Holds a breaker open (calls fail at once) until it is reset. */
  isolate(name: string, reason?: string): BreakerSnapshot {
    const b = this.require(name);
    b.isolate(reason);
    return b.snapshot();
  }

  /** Ends any isolation and starts the breaker again closed, with empty windows. */
  reset(name: string, reason?: string): BreakerSnapshot {
    const b = this.require(name);
    b.reset(reason);
    return b.snapshot();
  }

  /** Forgets a breaker (tests, or a dependency removed at runtime). */
  remove(name: string): void {
    this.breakers.get(name)?.dispose();
    this.breakers.delete(name);
  }

  private require(name: string): ManagedBreaker {
    const b = this.breakers.get(name);
    if (!b) throw new AppError('NOT_FOUND', `No circuit breaker named "${name}"`, { breaker: name });
    return b;
  }
}

export const breakerRegistry: BreakerRegistry = remember('resilience:breakers', () => new BreakerRegistry());
