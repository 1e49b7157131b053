// The limiter the API consults: one decision per request from the Redis script
// (redis-window.ts), an admin bypass that never reaches Redis, and the switch to the
// in-process window (memory-window.ts) when Redis fails or is slower than a short
// timeout, and back once it answers a probe again. check() never throws: a limiter
// that failed requests during a Redis outage would turn a cache problem into an
// API outage.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { whenReady } from '../../cache';
import { logger } from '../../observability';
import { MemoryWindow } from './memory-window';
import { LimiterMetrics } from './metrics';
import {
  checkPolicy,
  DEFAULT_POLICY,
  type MeasuredDecision,
  type RateLimitDecision,
  type RateLimitPolicy,
  type WindowResult,
} from './policy';
import { decideInRedis } from './redis-window';

export type RateLimiterOptions = {
  redis: Redis;
  policy?: Partial<RateLimitPolicy>;
  /** the metrics' `limiter` label; from code, never from a request */
  name?: string;
  /** Redis key prefix; tests give each run its own */
  prefix?: string;
  /** a Redis decision slower than this goes to the fallback (the request does not wait longer) */
  redisTimeoutMs?: number;
  /** while falling back, how often to ask Redis whether it is back */
  probeIntervalMs?: number;
  /**
   * Tests only: the time of each decision in ms, passed to the script instead of
   * Redis's TIME and used by the fallback, to replay exact arrival sequences.
   */
  clock?: () => number;
};

export type CheckOptions = {
  /** admins (design property 30): no window is consulted or written */
  bypass?: boolean;
  /** a per-identity limit other than the policy's (per-key limits from the console) */
  limit?: number;
};

const BYPASSED = { outcome: 'bypassed', allowed: true, scope: null, backend: 'none' } as const;

// Monotonic, so a stepped wall clock cannot reopen or freeze the fallback's windows.
const processClock = () => Math.floor(performance.timeOrigin + performance.now());

export class RateLimiter {
  readonly policy: RateLimitPolicy;
  readonly name: string;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly probeIntervalMs: number;
  private readonly clock: (() => number) | undefined;
  private readonly memory: MemoryWindow;
  private readonly metrics: LimiterMetrics;
  // Sorted-set members must be unique per request across instances.
  private readonly instance = randomBytes(6).toString('base64url');
  private seq = 0;
  private fallback = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private waitedForConnect = false;

  constructor(opts: RateLimiterOptions) {
    this.policy = checkPolicy({ ...DEFAULT_POLICY, ...opts.policy });
    this.name = opts.name ?? 'default';
    this.redis = opts.redis;
    this.prefix = opts.prefix ?? 'rl';
    this.timeoutMs = opts.redisTimeoutMs ?? 200;
    this.probeIntervalMs = opts.probeIntervalMs ?? 1000;
    this.clock = opts.clock;
    this.memory = new MemoryWindow(this.policy.windowMs);
    this.metrics = new LimiterMetrics(this.name);
  }

  /** true while decisions come from this process's memory instead of Redis */
  get usingFallback(): boolean {
    return this.fallback;
  }

  /** Decides one request of `identity` ("key:…", "user:…"), and records it when admitted. */
  async check(identity: string, opts: CheckOptions = {}): Promise<RateLimitDecision> {
    if (opts.bypass) {
      this.metrics.decided('bypassed', null, null, 0);
      return BYPASSED;
    }
    const started = performance.now();
    const limits = { perKey: opts.limit ?? this.policy.perKey, global: this.policy.global };
    let result: WindowResult | undefined;
    let backend: 'redis' | 'memory' = 'redis';
    if (!this.fallback) {
      try {
        result = await this.viaRedis(identity, limits);
      } catch (err) {
        this.enterFallback(err);
      }
    }
    if (!result) {
      backend = 'memory';
      result = this.memory.decide(identity, limits, this.clock?.() ?? processClock());
    }
    const decision = this.measured(result, backend);
    this.metrics.decided(decision.outcome, decision.scope, backend, (performance.now() - started) / 1000);
    return decision;
  }

  private measured(r: WindowResult, backend: 'redis' | 'memory'): MeasuredDecision {
    // A retry needs room in every window that is full now, not only the one named.
    const full = [r.key, r.global].filter((w) => w.count >= w.limit);
    const retryAfterMs = r.allowed ? 0 : Math.max(...full.map((w) => w.resetMs));
    return { ...r, outcome: r.allowed ? 'allowed' : 'rejected', backend, windowMs: this.policy.windowMs, retryAfterMs };
  }

  private async viaRedis(identity: string, limits: { perKey: number; global: number }): Promise<WindowResult> {
    await this.connectOnce();
    const member = `${this.instance}:${(this.seq++).toString(36)}`;
    const keys = { key: `${this.prefix}:id:${identity}`, global: `${this.prefix}:global` };
    return withTimeout(
      decideInRedis(this.redis, keys, limits, this.policy.windowMs, member, this.clock?.()),
      this.timeoutMs,
    );
  }

  /**
   * Without an offline queue a command fails at once while the first connection is
   * still opening; wait for it once (bounded), so a fresh process starts on Redis.
   */
  private async connectOnce(): Promise<void> {
    if (this.waitedForConnect || this.redis.status === 'ready') return;
    this.waitedForConnect = true;
    if (this.redis.status === 'wait') this.redis.connect().catch(() => {});
    if (!['wait', 'connecting', 'connect'].includes(this.redis.status)) return;
    await whenReady(1000, this.redis);
  }

  private enterFallback(err: unknown): void {
    if (this.fallback) return;
    this.fallback = true;
    this.metrics.fallback(true);
    // A timer rather than probing on requests, so the gauge also clears on an idle instance.
    this.probeTimer = setInterval(() => this.probe(), this.probeIntervalMs);
    this.probeTimer.unref();
    logger.warn({ err, limiter: this.name }, 'rate limiter: Redis failed or was slow; deciding in process memory (per instance)');
  }

  /** One probe at a time, off the request path: requests keep using memory meanwhile. */
  private probe(): void {
    if (this.probing) return;
    this.probing = true;
    const ping = this.redis.status === 'ready' ? withTimeout(this.redis.ping(), this.timeoutMs) : Promise.reject(new Error('not connected'));
    ping
      .then(() => {
        clearInterval(this.probeTimer);
        this.fallback = false;
        this.metrics.fallback(false);
        logger.info({ limiter: this.name }, 'rate limiter: Redis answers again; deciding in Redis');
      })
      .catch(() => {})
      .finally(() => {
        this.probing = false;
      });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limiter: Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
