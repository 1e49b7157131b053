// The two-level cache: L1 an in-process LRU (lru-cache), L2 Redis, the database behind
// both. Why our own thin layer over lru-cache and ioredis rather than a library that
// does both: docs/decisions.md.
//
// - get-or-fetch with single-flight: a cold key under load costs one load per instance.
// - tags by version keys: every entry is stamped with the versions of its tags when it
//   is written; invalidating a tag is one INCR, and an entry whose stamp is behind is a
//   miss. No KEYS, no scan for tags. Patterns (rare, from the console) use SCAN + UNLINK.
// - other instances' L1 is invalidated over Redis pub/sub; while this instance cannot
//   hear pub/sub (Redis down, reconnecting) its L1 serves nothing older than the
//   degraded TTL, and it empties L1 when it subscribes again (messages may be lost).
// - Redis calls go through a circuit breaker and a short timeout: a failed or slow
//   Redis makes a miss, never an error. A failed invalidation is logged and queued for
//   replay, and while any is queued new entries get the degraded TTL.
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import superjson from 'superjson';
import type { Logger } from 'pino';
import { UpstreamError } from '../resilience/policies';
import { assertPattern, assertTag, globToRegExp, type CacheNamespace } from './keys';
import { CacheStats } from './metrics';

export type CacheBreaker = { execute<T>(fn: () => PromiseLike<T> | T): Promise<T> };

export type TwoLevelCacheOptions = {
  /** this instance's id on the pub/sub channel (its own messages are ignored) */
  instanceId: string;
  enabled: boolean;
  l1MaxEntries: number;
  l1TtlMs: number;
  /** the L2 TTL of each namespace */
  ttlMs: Record<CacheNamespace, number>;
  degradedTtlMs: number;
  redisTimeoutMs: number;
  breaker: CacheBreaker;
  logger: Pick<Logger, 'warn' | 'info'>;
  stats?: CacheStats;
  /** L2 keys are prefix + key, so SCAN MATCH never reaches other data in Redis */
  prefix?: string;
  channel?: string;
};

export type FetchOptions = {
  /** tags besides the namespace's own ("ns:<namespace>", on every entry) */
  tags?: string[];
  /** the L2 TTL, when shorter than the namespace's (a session that ends sooner) */
  ttlMs?: number;
};

export type InvalidationTarget = { kind: 'key' | 'tag' | 'pattern'; value: string };
export type Touched = { l1: number; l2: number };

type L1Entry = { value: unknown; tags: readonly string[]; storedAt: number; size: number };
type Message = { from: string; keys?: string[]; tags?: string[]; patterns?: string[] };
type L2Read = { hit: boolean; value?: unknown; raw: string | null; versions: Record<string, string>; size: number };

const PENDING_MAX = 10_000; // beyond this, a failed key invalidation widens to its namespace's tag
const TOP_KEYS_MAX = 2_000; // the hit counts kept for the console's "top keys"
const LOG_EVERY_MS = 10_000;

const namespaceOf = (key: string) => key.slice(0, key.indexOf(':')) || key;
export const namespaceTag = (ns: string) => `ns:${ns}`;

export class TwoLevelCache {
  readonly stats: CacheStats;
  private readonly l1: LRUCache<string, L1Entry>;
  /** l1MaxEntries 0: no L1, every read goes to Redis (a configuration, and the benchmark's L2 case) */
  private readonly l1Enabled: boolean;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly topKeys = new Map<string, number>();
  private readonly pending = { keys: new Set<string>(), tags: new Set<string>(), patterns: new Set<string>() };
  private readonly prefix: string;
  private readonly channel: string;
  private readonly maxTtlMs: number;
  private readonly retryTimer: ReturnType<typeof setInterval>;
  private readonly listeners = new Set<(m: Message) => void>();
  private l1Bytes = 0;
  /** bumped by every invalidation this instance applies: a load that saw it change keeps its result out of the cache */
  private epoch = 0;
  private listening = false;
  /** whether the last Redis call succeeded: while not, L1 entries get the degraded TTL (L2 cannot be kept in step) */
  private l2Healthy = true;
  private lastLog = 0;
  private closed = false;

  constructor(
    private readonly command: Redis,
    private readonly subscriber: Redis | null,
    readonly options: TwoLevelCacheOptions,
  ) {
    this.stats = options.stats ?? new CacheStats();
    this.prefix = options.prefix ?? 'afg:c:';
    this.channel = options.channel ?? 'afg:cache:invalidate';
    this.maxTtlMs = Math.max(...Object.values(options.ttlMs));
    this.l1Enabled = options.l1MaxEntries > 0;
    this.l1 = new LRUCache<string, L1Entry>({
      max: Math.max(1, options.l1MaxEntries),
      ttl: options.l1TtlMs,
      dispose: (entry, key, reason) => {
        this.l1Bytes -= entry.size;
        if (reason === 'evict') this.stats.evicted(namespaceOf(key));
      },
    });
    if (subscriber && options.enabled) this.listen(subscriber);
    this.retryTimer = setInterval(() => void this.replayPending(), 1000);
    this.retryTimer.unref();
  }

  // ---------------------------------------------------------------- reads

  /**
   * The value under `key`: from L1, else L2, else `fetch()` (once per key at a time in
   * this instance), stored in both levels. null and undefined are returned, not stored.
   * The value is shared by every caller that gets it from L1: treat it as read-only.
   */
  async getOrFetch<T>(key: string, fetch: () => Promise<T>, opts: FetchOptions = {}): Promise<T> {
    if (!this.options.enabled) return fetch();
    const ns = namespaceOf(key);
    const t0 = performance.now();
    const entry = this.l1.get(key);
    if (entry !== undefined && this.servable(entry)) {
      this.stats.lookup(ns, 'l1', 'hit', (performance.now() - t0) / 1000);
      this.countHit(key);
      return entry.value as T;
    }
    this.stats.lookup(ns, 'l1', 'miss', (performance.now() - t0) / 1000);
    const flying = this.inflight.get(key);
    if (flying) return flying as Promise<T>;
    const load = this.load(key, ns, fetch, opts);
    this.inflight.set(key, load);
    const forget = () => {
      if (this.inflight.get(key) === load) this.inflight.delete(key);
    };
    load.then(forget, forget);
    return load;
  }

  /** The cached value, or undefined (L1, then L2; nothing is fetched). */
  async get<T>(key: string, opts: FetchOptions = {}): Promise<T | undefined> {
    if (!this.options.enabled) return undefined;
    const entry = this.l1.get(key);
    if (entry !== undefined && this.servable(entry)) return entry.value as T;
    const read = await this.l2Read(key, namespaceOf(key), this.tagsOf(key, opts.tags)).catch(() => null);
    return read?.hit ? (read.value as T) : undefined;
  }

  private servable(entry: L1Entry): boolean {
    // Deaf to other instances' invalidations: serve only what is younger than the degraded TTL.
    return this.listening || Date.now() - entry.storedAt < this.options.degradedTtlMs;
  }

  private async load<T>(key: string, ns: string, fetch: () => Promise<T>, opts: FetchOptions): Promise<T> {
    const epoch = this.epoch;
    const tags = this.tagsOf(key, opts.tags);
    const t1 = performance.now();
    let read: L2Read | null = null;
    try {
      read = await this.l2Read(key, ns, tags);
    } catch (err) {
      this.failed(ns, 'get', err);
    }
    if (read?.hit) {
      this.stats.lookup(ns, 'l2', 'hit', (performance.now() - t1) / 1000);
      this.countHit(key);
      if (epoch === this.epoch) this.l1Set(key, read.value, tags, read.size);
      return read.value as T;
    }
    this.stats.lookup(ns, 'l2', 'miss', (performance.now() - t1) / 1000);
    const t2 = performance.now();
    const value = await fetch();
    this.stats.fetched(ns, (performance.now() - t2) / 1000);
    if (value === null || value === undefined || epoch !== this.epoch) return value;
    const payload = this.serialize(value, read?.versions ?? {});
    this.l1Set(key, value, tags, payload.length);
    // Redis answered the read: store in L2 too. NX when the key was absent, so a load
    // that read the database before a concurrent write-through cannot overwrite it.
    if (read) await this.l2Write(key, ns, payload, tags, this.ttlFor(ns, opts), read.raw === null);
    return value;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Write-through: `value` (already written to the database) replaces the entry in L1
   * and L2, and other instances drop their L1 copy. Never throws: on a Redis failure
   * the key is invalidated later (queued), and L1 here holds the new value.
   */
  async set(key: string, value: unknown, opts: FetchOptions = {}): Promise<void> {
    if (!this.options.enabled) return;
    const ns = namespaceOf(key);
    const tags = this.tagsOf(key, opts.tags);
    this.applyLocal({ from: this.options.instanceId, keys: [key] });
    this.l1Set(key, value, tags, 0);
    try {
      const versions = await this.tagVersions(ns, tags);
      const payload = this.serialize(value, versions);
      await this.redis(ns, 'set', () => {
        const p = this.command.pipeline();
        p.set(this.prefix + key, payload, 'PX', this.ttlFor(ns, opts));
        for (const t of tags) this.indexTag(p, t, key);
        p.publish(this.channel, JSON.stringify({ from: this.options.instanceId, keys: [key] } satisfies Message));
        return p.exec().then(throwPipelineError);
      });
      // A load that read L2 or the database before the SET must not put its older copy in L1.
      this.epoch++;
      this.inflight.delete(key);
      this.l1Set(key, value, tags, payload.length);
    } catch (err) {
      this.failed(ns, 'set', err);
      this.queue({ keys: [key] });
    }
  }

  /** Drops keys from both levels here and from every instance's L1. */
  async invalidate(...keys: string[]): Promise<Touched> {
    return this.invalidateAll({ keys });
  }

  /** Makes every entry carrying any of the tags a miss, everywhere. */
  async invalidateTags(...tags: string[]): Promise<Touched> {
    tags.forEach(assertTag);
    return this.invalidateAll({ tags });
  }

  /** Drops every key matching the glob (* and ?), in both levels, everywhere. */
  async invalidatePattern(pattern: string): Promise<Touched> {
    assertPattern(pattern);
    return this.invalidateAll({ patterns: [pattern] });
  }

  private async invalidateAll(what: Omit<Message, 'from'>): Promise<Touched> {
    const l1 = this.applyLocal({ from: this.options.instanceId, ...what });
    if (!this.options.enabled) return { l1, l2: 0 };
    try {
      return { l1, l2: await this.invalidateL2(what) };
    } catch (err) {
      this.failed(namespaceOf(what.keys?.[0] ?? what.tags?.[0] ?? what.patterns?.[0] ?? 'all'), 'invalidate', err);
      this.queue(what);
      return { l1, l2: 0 };
    }
  }

  /** L2's part of an invalidation, and the message that makes the other instances do theirs. Throws on a Redis failure. */
  private async invalidateL2(what: Omit<Message, 'from'>): Promise<number> {
    let touched = 0;
    for (const pattern of what.patterns ?? []) touched += await this.unlinkMatching(pattern);
    const keys = what.keys ?? [];
    const tags = what.tags ?? [];
    const counts = await this.redis('all', 'invalidate', () => {
      const p = this.command.pipeline();
      if (keys.length) p.unlink(...keys.map((k) => this.prefix + k));
      for (const t of tags) {
        p.scard(this.tagSetKey(t));
        p.incr(this.tagVersionKey(t));
        p.pexpire(this.tagVersionKey(t), 2 * this.maxTtlMs);
        p.unlink(this.tagSetKey(t));
      }
      p.publish(this.channel, JSON.stringify({ from: this.options.instanceId, ...what } satisfies Message));
      return p.exec().then(throwPipelineError);
    });
    let i = 0;
    if (keys.length) touched += Number(counts[i++]);
    for (let t = 0; t < tags.length; t++, i += 4) touched += Number(counts[i]);
    return touched;
  }

  private async unlinkMatching(pattern: string): Promise<number> {
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await this.redis('all', 'scan', () => this.command.scan(cursor, 'MATCH', this.prefix + pattern, 'COUNT', 500));
      cursor = next;
      if (keys.length) n += await this.redis('all', 'invalidate', () => this.command.unlink(...keys));
    } while (cursor !== '0');
    return n;
  }

  /** How many entries an invalidation would touch: this instance's L1, and Redis. */
  async preview(target: InvalidationTarget): Promise<Touched & { l2Known: boolean }> {
    let l1 = 0;
    if (target.kind === 'key') l1 = this.l1.has(target.value) ? 1 : 0;
    else if (target.kind === 'tag') {
      assertTag(target.value);
      for (const [, e] of this.l1.entries()) if (e.tags.includes(target.value)) l1++;
    } else {
      assertPattern(target.value);
      const re = globToRegExp(target.value);
      for (const k of this.l1.keys()) if (re.test(k)) l1++;
    }
    try {
      let l2 = 0;
      if (target.kind === 'key') l2 = await this.redis('all', 'preview', () => this.command.exists(this.prefix + target.value));
      else if (target.kind === 'tag') l2 = await this.redis('all', 'preview', () => this.command.scard(this.tagSetKey(target.value)));
      else {
        let cursor = '0';
        do {
          const [next, keys] = await this.redis('all', 'scan', () => this.command.scan(cursor, 'MATCH', this.prefix + target.value, 'COUNT', 500));
          cursor = next;
          l2 += keys.length;
        } while (cursor !== '0');
      }
      return { l1, l2, l2Known: true };
    } catch {
      return { l1, l2: 0, l2Known: false };
    }
  }

  /** Empties L1 here (tests, and the console's "clear this instance"). */
  clearLocal(): void {
    this.epoch++;
    this.inflight.clear();
    this.l1.clear();
  }

  // ---------------------------------------------------------------- pub/sub

  private listen(sub: Redis): void {
    const subscribe = () => {
      sub.subscribe(this.channel).then(
        () => {
          // Messages sent while we were not listening are lost: start L1 afresh.
          this.clearLocal();
          this.listening = true;
          void this.replayPending();
        },
        () => {},
      );
    };
    sub.on('ready', subscribe);
    sub.on('close', () => (this.listening = false));
    sub.on('end', () => (this.listening = false));
    sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      let m: Message;
      try {
        m = JSON.parse(raw) as Message;
      } catch {
        return;
      }
      if (m.from === this.options.instanceId) return;
      this.applyLocal(m, 'pubsub');
    });
    if (sub.status === 'ready') subscribe();
  }

  /** Whether this instance hears other instances' invalidations right now. */
  get isListening(): boolean {
    return this.listening;
  }

  /** Called after each invalidation applied to L1 (tests wait on it). */
  onInvalidation(listener: (m: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies an invalidation to L1 and to loads in flight; returns how many L1 entries it dropped. */
  private applyLocal(m: Message, origin: 'local' | 'pubsub' = 'local'): number {
    this.epoch++;
    let n = 0;
    for (const key of m.keys ?? []) {
      this.inflight.delete(key);
      if (this.l1.delete(key)) n++;
      this.stats.invalidated('key', origin);
    }
    if (m.tags?.length || m.patterns?.length) {
      this.inflight.clear();
      const tags = m.tags ?? [];
      const res = (m.patterns ?? []).map(globToRegExp);
      for (const [k, e] of [...this.l1.entries()]) {
        if (e.tags.some((t) => tags.includes(t)) || res.some((re) => re.test(k))) {
          this.l1.delete(k);
          n++;
        }
      }
      tags.forEach(() => this.stats.invalidated('tag', origin));
      res.forEach(() => this.stats.invalidated('pattern', origin));
    }
    for (const l of this.listeners) l(m);
    return n;
  }

  // ---------------------------------------------------------------- failures

  private queue(what: Omit<Message, 'from'>): void {
    for (const k of what.keys ?? []) {
      if (this.pending.keys.size < PENDING_MAX) this.pending.keys.add(k);
      else this.pending.tags.add(namespaceTag(namespaceOf(k))); // one INCR covers the namespace
    }
    for (const t of what.tags ?? []) this.pending.tags.add(t);
    for (const p of what.patterns ?? []) this.pending.patterns.add(p);
  }

  /** Invalidations that failed, not yet replayed (while any is, new entries get the degraded TTL). */
  get pendingInvalidations(): number {
    return this.pending.keys.size + this.pending.tags.size + this.pending.patterns.size;
  }

  private replaying = false;
  private async replayPending(): Promise<void> {
    if (this.replaying || this.closed || this.pendingInvalidations === 0 || this.command.status !== 'ready') return;
    this.replaying = true;
    const what = { keys: [...this.pending.keys], tags: [...this.pending.tags], patterns: [...this.pending.patterns] };
    try {
      await this.invalidateL2(what);
      what.keys.forEach((k) => this.pending.keys.delete(k));
      what.tags.forEach((t) => this.pending.tags.delete(t));
      what.patterns.forEach((p) => this.pending.patterns.delete(p));
      this.options.logger.info({ replayed: what.keys.length + what.tags.length + what.patterns.length }, 'cache: queued invalidations replayed');
    } catch {
      // still down: the next tick tries again
    } finally {
      this.replaying = false;
    }
  }

  private failed(ns: string, op: string, err: unknown): void {
    this.stats.error(ns, op);
    const now = Date.now();
    if (op === 'invalidate' || op === 'set' || now - this.lastLog > LOG_EVERY_MS) {
      this.lastLog = now;
      const level = op === 'invalidate' || op === 'set' ? 'warn' : 'info';
      this.options.logger[level]({ err, namespace: ns, op }, `cache: Redis ${op} failed; ${op === 'get' ? 'served from the database' : 'queued for replay, short TTLs meanwhile'}`);
    }
  }

  // ---------------------------------------------------------------- Redis

  /** A Redis call through the breaker, with the cache's short timeout; errors come out classified as a failing dependency. */
  private redis<T>(ns: string, op: string, fn: () => Promise<T>): Promise<T> {
    return this.options.breaker.execute(async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const result = await Promise.race([
          fn(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`cache ${op} (${ns}) took over ${this.options.redisTimeoutMs} ms`)), this.options.redisTimeoutMs);
          }),
        ]);
        this.l2Healthy = true;
        return result;
      } catch (err) {
        this.l2Healthy = false;
        throw new UpstreamError('redis', err instanceof Error ? err.message : String(err), 503, 'http', { cause: err });
      } finally {
        clearTimeout(timer);
      }
    });
  }

  private async l2Read(key: string, ns: string, tags: readonly string[]): Promise<L2Read> {
    const res = await this.redis(ns, 'get', () => this.command.mget(this.prefix + key, ...tags.map((t) => this.tagVersionKey(t))));
    const raw = res[0] ?? null;
    const versions: Record<string, string> = {};
    tags.forEach((t, i) => (versions[t] = res[i + 1] ?? '0'));
    if (raw === null) return { hit: false, raw, versions, size: 0 };
    const stored = JSON.parse(raw) as { j: unknown; m?: unknown; g: Record<string, string> };
    const current = tags.every((t) => (stored.g[t] ?? '0') === versions[t]);
    if (!current) return { hit: false, raw, versions, size: 0 };
    return { hit: true, value: superjson.deserialize({ json: stored.j as never, meta: stored.m as never }), raw, versions, size: raw.length };
  }

  private async l2Write(key: string, ns: string, payload: string, tags: readonly string[], ttlMs: number, nx: boolean): Promise<void> {
    try {
      await this.redis(ns, 'set', () => {
        const p = this.command.pipeline();
        if (nx) p.set(this.prefix + key, payload, 'PX', ttlMs, 'NX');
        else p.set(this.prefix + key, payload, 'PX', ttlMs);
        for (const t of tags) this.indexTag(p, t, key);
        return p.exec().then(throwPipelineError);
      });
    } catch (err) {
      this.stats.error(ns, 'fill'); // a lost fill only costs a later miss
      void err;
    }
  }

  private async tagVersions(ns: string, tags: readonly string[]): Promise<Record<string, string>> {
    const res = await this.redis(ns, 'get', () => this.command.mget(...tags.map((t) => this.tagVersionKey(t))));
    const out: Record<string, string> = {};
    tags.forEach((t, i) => (out[t] = res[i] ?? '0'));
    return out;
  }

  // The tag's member set only answers "how many entries carry it" for the console's preview.
  private indexTag(p: ReturnType<Redis['pipeline']>, tag: string, key: string): void {
    if (tag.startsWith('ns:')) return; // a namespace's count comes from SCAN; a 20k-member set is not worth keeping
    p.sadd(this.tagSetKey(tag), key);
    p.pexpire(this.tagSetKey(tag), this.maxTtlMs);
  }

  private tagVersionKey = (tag: string) => `${this.prefix}tagv:${tag}`;
  private tagSetKey = (tag: string) => `${this.prefix}tagk:${tag}`;

  // ---------------------------------------------------------------- helpers

  private tagsOf(key: string, tags: readonly string[] = []): string[] {
    return [namespaceTag(namespaceOf(key)), ...tags];
  }

  private ttlFor(ns: string, opts: FetchOptions): number {
    if (this.pendingInvalidations > 0) return this.options.degradedTtlMs;
    const base = this.options.ttlMs[ns as CacheNamespace] ?? this.options.degradedTtlMs;
    return Math.max(1, Math.min(base, opts.ttlMs ?? base));
  }

  private l1Set(key: string, value: unknown, tags: readonly string[], size: number): void {
    if (!this.l1Enabled) return;
    const ns = namespaceOf(key);
    const degraded = !this.listening || !this.l2Healthy || this.pendingInvalidations > 0;
    const ttl = Math.min(this.options.l1TtlMs, this.options.ttlMs[ns as CacheNamespace] ?? this.options.l1TtlMs, degraded ? this.options.degradedTtlMs : Infinity);
    this.l1.set(key, { value, tags, storedAt: Date.now(), size }, { ttl });
    this.l1Bytes += size;
  }

  private serialize(value: unknown, versions: Record<string, string>): string {
    const { json, meta } = superjson.serialize(value);
    return JSON.stringify(meta ? { j: json, m: meta, g: versions } : { j: json, g: versions });
  }

  private countHit(key: string): void {
    this.topKeys.set(key, (this.topKeys.get(key) ?? 0) + 1);
    if (this.topKeys.size > TOP_KEYS_MAX) {
      // Halve every count and drop the ones that reach zero: recent heavy hitters stay.
      for (const [k, n] of this.topKeys) {
        if (n <= 1) this.topKeys.delete(k);
        else this.topKeys.set(k, n >> 1);
      }
    }
  }

  /** The keys served most from the cache (this instance), with their hit counts. */
  top(n: number): { key: string; hits: number; inL1: boolean }[] {
    return [...this.topKeys]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => ({ key, hits, inL1: this.l1.has(key) }));
  }

  /** Whether L1 holds the key (no recency update; for tests and the console). */
  hasLocal(key: string): boolean {
    return this.l1.has(key);
  }

  /** The Redis key an entry is stored under. */
  l2KeyOf(key: string): string {
    return this.prefix + key;
  }

  /** L1's size now. */
  l1Info(): { entries: number; max: number; bytes: number; ttlMs: number; listening: boolean; pending: number } {
    return { entries: this.l1.size, max: this.options.l1MaxEntries, bytes: this.l1Bytes, ttlMs: this.options.l1TtlMs, listening: this.listening, pending: this.pendingInvalidations };
  }

  /** L1 entries per namespace. */
  l1ByNamespace(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of this.l1.keys()) out[namespaceOf(k)] = (out[namespaceOf(k)] ?? 0) + 1;
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.retryTimer);
    this.listening = false;
    if (this.subscriber) await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }
}

/** A pipeline's results, or its first command error thrown. */
function throwPipelineError(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('pipeline was discarded');
  for (const [err] of results) if (err) throw err;
  return results.map(([, v]) => v);
}
