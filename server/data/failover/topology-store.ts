// The managed topology in Redis, shared by every app instance:
//   afirgen:data:topology          {primary, epoch, at} — who the primary is, by node name
//   afirgen:data:topology:epoch    INCR'd once per failover/switchover: the term number
//   afirgen:data:failover:lease    SET NX PX: the one instance allowed to decide now
//   afirgen:data:failover:history  the last failovers and switchovers, newest first
// and the pub/sub channel afirgen:data:topology, on which a change is announced so the
// other instances follow at once rather than at their next health round.
// Node names, not URLs: each instance builds its own URLs (its database, its credentials).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const TOPOLOGY_KEY = 'afirgen:data:topology';
export const EPOCH_KEY = 'afirgen:data:topology:epoch';
export const LEASE_KEY = 'afirgen:data:failover:lease';
export const HISTORY_KEY = 'afirgen:data:failover:history';
export const TOPOLOGY_CHANNEL = 'afirgen:data:topology';
const HISTORY_KEEP = 50; // a console page of them

export const ZPublishedTopology = z.object({ primary: z.string().min(1), epoch: z.number().int().min(0), at: z.number() });
export type TPublishedTopology = z.infer<typeof ZPublishedTopology>;

export const ZFailoverEvent = z.object({
  kind: z.enum(['failover', 'switchover']),
  epoch: z.number().int(),
  from: z.string(),
  to: z.string().nullable(),
  ok: z.boolean(),
  reason: z.string(),
  instance: z.string(),
  /** when the primary was first seen failing (failover) or the switchover was asked for */
  startedAt: z.number(),
  detectedAt: z.number().nullable(),
  promotedAt: z.number().nullable(),
  finishedAt: z.number(),
  lsn: z.string().nullable(),
});
export type TFailoverEvent = z.infer<typeof ZFailoverEvent>;

/** This process, in lease values and history: which instance decided. */
export const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;

// Release only our own lease: a decider that overran its lease must not drop the next one's.
const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class TopologyStore {
  constructor(
    private readonly redis: Redis,
    /** who holds the lease: this process, unless a test plays several instances */
    readonly owner: string = instanceId,
  ) {}

  async read(): Promise<TPublishedTopology | null> {
    const raw = await this.redis.get(TOPOLOGY_KEY);
    if (!raw) return null;
    const parsed = ZPublishedTopology.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Seeds Redis from what the stack recorded (first instance after a Redis restart); keeps a newer one. */
  async seed(t: TPublishedTopology): Promise<TPublishedTopology> {
    const now = await this.read();
    if (now && now.epoch >= t.epoch) return now;
    await this.redis.set(TOPOLOGY_KEY, JSON.stringify(t));
    const epoch = Number((await this.redis.get(EPOCH_KEY)) ?? 0);
    if (epoch < t.epoch) await this.redis.set(EPOCH_KEY, String(t.epoch));
    return t;
  }

  /** True when this instance now holds the lease for `ttlMs`. */
  async acquireLease(ttlMs: number): Promise<boolean> {
    return (await this.redis.set(LEASE_KEY, this.owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async releaseLease(): Promise<void> {
    await this.redis.eval(RELEASE_LUA, 1, LEASE_KEY, this.owner);
  }

  /** The next term number: strictly greater than any before, whoever asks. */
  async nextEpoch(atLeast: number): Promise<number> {
    const n = await this.redis.incr(EPOCH_KEY);
    if (n > atLeast) return n;
    await this.redis.set(EPOCH_KEY, String(atLeast + 1));
    return atLeast + 1;
  }

  async publish(t: TPublishedTopology): Promise<void> {
    await this.redis.set(TOPOLOGY_KEY, JSON.stringify(t));
    await this.redis.publish(TOPOLOGY_CHANNEL, JSON.stringify(t));
  }

  async record(e: TFailoverEvent): Promise<void> {
    await this.redis.multi().lpush(HISTORY_KEY, JSON.stringify(e)).ltrim(HISTORY_KEY, 0, HISTORY_KEEP - 1).exec();
  }

  async history(): Promise<TFailoverEvent[]> {
    const raw = await this.redis.lrange(HISTORY_KEY, 0, HISTORY_KEEP - 1);
    return raw.flatMap((r) => {
      const p = ZFailoverEvent.safeParse(JSON.parse(r));
      return p.success ? [p.data] : [];
    });
  }
}
