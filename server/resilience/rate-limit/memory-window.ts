// The in-process fallback: the same exact sliding window as the Lua script
// (redis-window.ts), in this process's memory, used while Redis is unreachable or
// slow. Limits then hold per instance, not across instances: with k instances a key
// can get up to k·N a window, which beats both refusing everything and admitting
// everything during an outage.
import { windowState, type RateLimitPolicy, type WindowResult } from './policy';

/** Admission times of one window, oldest first; a queue with a moving head. */
class Log {
  private ts: number[] = [];
  private head = 0;

  get count(): number {
    return this.ts.length - this.head;
  }

  /** Drops entries at or before `cutoff` (they have left the window). */
  prune(cutoff: number): void {
    while (this.head < this.ts.length && this.ts[this.head]! <= cutoff) this.head++;
    // Compact now and then so a busy global log does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.ts.length) {
      this.ts = this.ts.slice(this.head);
      this.head = 0;
    }
  }

  add(t: number): void {
    const last = this.ts[this.ts.length - 1];
    if (last === undefined || t >= last) {
      this.ts.push(t);
      return;
    }
    // A clock that stepped back (only an injected one can): keep the log sorted.
    let i = this.ts.length;
    while (i > this.head && this.ts[i - 1]! > t) i--;
    this.ts.splice(i, 0, t);
  }

  /** Entry `rank` from the oldest (0 = oldest). */
  at(rank: number): number {
    return this.ts[this.head + rank]!;
  }

  newest(): number | undefined {
    return this.ts[this.ts.length - 1];
  }
}

export class MemoryWindow {
  private readonly logs = new Map<string, Log>();
  private readonly globalLog = new Log();
  private lastSweep = 0;

  constructor(private readonly windowMs: RateLimitPolicy['windowMs']) {}

  decide(identity: string, limits: { perKey: number; global: number }, now: number): WindowResult {
    const cutoff = now - this.windowMs;
    this.sweep(now, cutoff);
    // A refused identity gets no log: rejections must not grow memory.
    const log = this.logs.get(identity) ?? new Log();
    log.prune(cutoff);
    this.globalLog.prune(cutoff);
    const scope = log.count >= limits.perKey ? 'key' : this.globalLog.count >= limits.global ? 'global' : null;
    if (scope === null) {
      log.add(now);
      this.globalLog.add(now);
      this.logs.set(identity, log);
    }
    const reset = (l: Log, limit: number) => (l.count === 0 ? 0 : l.at(Math.max(0, l.count - limit)) + this.windowMs - now);
    return {
      allowed: scope === null,
      scope,
      at: now,
      key: windowState(limits.perKey, log.count, reset(log, limits.perKey)),
      global: windowState(limits.global, this.globalLog.count, reset(this.globalLog, limits.global)),
    };
  }

  /** Identities with windows in memory (for tests and the console). */
  get size(): number {
    return this.logs.size;
  }

  /** Once a window, forget identities whose newest entry has left it. */
  private sweep(now: number, cutoff: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [id, log] of this.logs) {
      const newest = log.newest();
      if (newest === undefined || newest <= cutoff) this.logs.delete(id);
    }
  }
}
