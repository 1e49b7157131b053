// `npm run bench -- ratelimit`: the sliding-window limiter (server/resilience/rate-limit)
// against rate-limiter-flexible's RateLimiterRedis, on the same Redis, at the same
// concurrency, rounds interleaved (docs/decisions.md: the machine is shared):
//  1. throughput: decisions per second, p50/p99 latency and Redis CPU per decision,
//     (a) under the production policy (100 per key and 10,000 in all per 60 s, 1,000
//     keys) driven far past it, so that after the first 10,000 nearly every decision
//     is a refusal: the path an overload takes; (b) with limits high enough that every
//     decision admits and writes (W = 1 s, so the logs stay bounded). The baseline
//     makes the same decision with a per-key and a global RateLimiterRedis consumed
//     together (two scripts, not atomic: each consumes even when the other refuses;
//     RateLimiterUnion can't do this, it uses one key for all its limiters), and in
//     (b) also per key only, the cheapest decision it can make;
//  2. boundary burst: one request opens the fixed window, N arrive 150 ms before it
//     closes and N 30 ms after; then the most admissions inside any interval of W.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { topology } from '../../server/env';
import { RateLimiter, type MeasuredDecision } from '../../server/resilience/rate-limit';
import type { BenchOptions } from '../bench';

type Decide = (id: string) => Promise<boolean>;
type Contender = { label: string; decide: Decide };
type Round = { decisions: number; seconds: number; latMs: number[]; admitted: number; redisCpuUs: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** rate-limiter-flexible refuses by rejecting with a RateLimiterRes; anything else is a real error. */
const flexible = (consume: (id: string) => Promise<unknown>): Decide => (id) =>
  consume(id).then(
    () => true,
    (e: unknown) => {
      if (e instanceof RateLimiterRes || (typeof e === 'object' && e !== null && !(e instanceof Error))) return false;
      throw e;
    },
  );

async function redisCpuSeconds(r: Redis): Promise<number> {
  const info = await r.info('cpu');
  const v = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return v('used_cpu_user') + v('used_cpu_sys');
}

async function measure(c: Contender, keys: string[], opts: BenchOptions, admin: Redis, seconds: number): Promise<Round> {
  const latMs: number[] = [];
  let admitted = 0;
  let running = true;
  const cpu0 = await redisCpuSeconds(admin);
  const t0 = performance.now();
  const stop = setTimeout(() => (running = false), seconds * 1000);
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, w) => {
      for (let i = w; running; i += opts.connections) {
        const t = performance.now();
        if (await c.decide(keys[i % keys.length]!)) admitted++;
        latMs.push(performance.now() - t);
      }
    }),
  );
  clearTimeout(stop);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = (await redisCpuSeconds(admin)) - cpu0;
  return { decisions: latMs.length, seconds: elapsed, latMs, admitted, redisCpuUs: (cpu * 1e6) / latMs.length };
}

async function throughput(title: string, contenders: Contender[], opts: BenchOptions, admin: Redis): Promise<void> {
  const keys = Array.from({ length: 1000 }, (_, i) => `bench-${i}`);
  for (const c of contenders) await measure(c, keys, opts, admin, 1); // warm-up: JIT, script cache
  const rounds = new Map<string, Round[]>(contenders.map((c) => [c.label, []]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const c of contenders) rounds.get(c.label)!.push(await measure(c, keys, opts, admin, opts.duration));
  }
  const rows = contenders.map((c) => {
    const rs = rounds.get(c.label)!;
    const all = rs.flatMap((x) => x.latMs).sort((a, b) => a - b);
    return {
      limiter: c.label,
      'decisions/s (median round)': Math.round(median(rs.map((x) => x.decisions / x.seconds))),
      'p50 ms': pct(all, 50).toFixed(2),
      'p99 ms': pct(all, 99).toFixed(2),
      'admitted %': ((100 * rs.reduce((s, x) => s + x.admitted, 0)) / rs.reduce((s, x) => s + x.decisions, 0)).toFixed(1),
      'Redis CPU µs/decision': median(rs.map((x) => x.redisCpuUs)).toFixed(1),
    };
  });
  console.log(`\n${title}`);
  console.table(rows);
  const ours = rows[0]!;
  for (const other of rows.slice(1)) {
    console.log(
      `  ours / ${other.limiter}: ${(ours['decisions/s (median round)'] / other['decisions/s (median round)']).toFixed(2)}x decisions/s, ` +
        `${(Number(ours['p99 ms']) / Number(other['p99 ms'])).toFixed(2)}x p99, ` +
        `${(Number(ours['Redis CPU µs/decision']) / Number(other['Redis CPU µs/decision'])).toFixed(2)}x Redis CPU`,
    );
  }
}

/**
 * Most admissions certainly inside one interval of W: an admission happened between its
 * send and its reply, so admissions whose latest reply minus earliest send is < W share
 * a window on the server. A lower bound of the true worst, the same for both limiters.
 */
function worstWindowFromClient(admits: { sent: number; got: number }[], windowMs: number): number {
  let best = 0;
  for (const a of admits) best = Math.max(best, admits.filter((b) => b.sent >= a.sent && b.got < a.sent + windowMs).length);
  return best;
}

async function boundaryBurst(redis: Redis, n: number, rounds: number): Promise<void> {
  const windowMs = 1000; // RateLimiterRedis takes whole seconds
  const rows: Record<string, string | number>[] = [];
  const worst = { ours: 0, oursExact: 0, flexible: 0 };
  for (let r = 0; r < rounds; r++) {
    const id = `burst-${randomUUID()}`;
    const fixed = new RateLimiterRedis({ storeClient: redis, points: n, duration: windowMs / 1000, keyPrefix: `bench-rlf-${randomUUID()}` });
    const sliding = new RateLimiter({ redis, policy: { perKey: n, global: 10_000_000, windowMs }, prefix: `bench-burst-${randomUUID()}`, name: 'bench' });
    const fixedAdmits: { sent: number; got: number }[] = [];
    const slidingAdmits: { sent: number; got: number; at: number }[] = [];
    const both = async (count: number) => {
      await Promise.all(
        Array.from({ length: count }, async () => {
          const sent = performance.now();
          if (await flexible((k) => fixed.consume(k))(id)) fixedAdmits.push({ sent, got: performance.now() });
        }),
      );
      await Promise.all(
        Array.from({ length: count }, async () => {
          const sent = performance.now();
          const d = (await sliding.check(id)) as MeasuredDecision;
          if (d.allowed) slidingAdmits.push({ sent, got: performance.now(), at: d.at });
        }),
      );
    };
    const opened = performance.now();
    const first = await fixed.consume(id);
    fixedAdmits.push({ sent: opened, got: performance.now() });
    const d0 = (await sliding.check(id)) as MeasuredDecision;
    slidingAdmits.push({ sent: opened, got: performance.now(), at: d0.at });
    const closes = opened + first.msBeforeNext;
    await sleep(closes - 150 - performance.now());
    await both(n);
    await sleep(closes + 30 - performance.now());
    await both(n);

    const exact = Math.max(...slidingAdmits.map((a) => slidingAdmits.filter((b) => b.at >= a.at && b.at < a.at + windowMs).length));
    const f = worstWindowFromClient(fixedAdmits, windowMs);
    const s = worstWindowFromClient(slidingAdmits, windowMs);
    worst.flexible = Math.max(worst.flexible, f);
    worst.ours = Math.max(worst.ours, s);
    worst.oursExact = Math.max(worst.oursExact, exact);
    rows.push({
      round: r + 1,
      sent: 2 * n + 1,
      'flexible: admitted': fixedAdmits.length,
      'flexible: worst W': f,
      'sliding: admitted': slidingAdmits.length,
      'sliding: worst W': s,
      'sliding: worst W (Redis time)': exact,
    });
    await sleep(1100); // let both windows empty
  }
  console.log(`\nBoundary burst: N = ${n}, W = ${windowMs} ms; 1 request opens the window, N arrive 150 ms before it closes, N 30 ms after`);
  console.table(rows);
  console.log(
    `  worst interval of W: rate-limiter-flexible ${worst.flexible} (${(worst.flexible / n).toFixed(2)}N), ` +
      `sliding window ${worst.ours} (${(worst.ours / n).toFixed(2)}N; ${worst.oursExact} by Redis's own clock)`,
  );
}

export async function run(opts: BenchOptions): Promise<void> {
  const connect = () => new Redis(topology.redisUrl, { maxRetriesPerRequest: 1 });
  const oursRedis = connect();
  const flexRedis = connect();
  const admin = connect();
  const tag = randomUUID().slice(0, 8);
  try {
    await Promise.all([oursRedis.ping(), flexRedis.ping(), admin.ping()]);
    const contenders = (perKey: number, global: number, windowMs: number, withPerKeyOnly: boolean): Contender[] => {
      const prefix = `bench-${tag}-${perKey}`;
      const ours = new RateLimiter({ redis: oursRedis, policy: { perKey, global, windowMs }, prefix, name: 'bench', redisTimeoutMs: 2000 });
      const flex = (points: number, p: string) => new RateLimiterRedis({ storeClient: flexRedis, points, duration: windowMs / 1000, keyPrefix: `${prefix}-${p}` });
      const perKeyOnly = flex(perKey, 'rlf-k1');
      const [k, g] = [flex(perKey, 'rlf-k2'), flex(global, 'rlf-g2')];
      const keyAndGlobal: Decide = async (id) => {
        const [a, b] = await Promise.all([flexible((x) => k.consume(x))(id), flexible((x) => g.consume(x))('all')]);
        return a && b;
      };
      return [
        { label: 'sliding window (one Lua script, key + global)', decide: async (id) => (await ours.check(id)).allowed },
        { label: 'rate-limiter-flexible, key + global', decide: keyAndGlobal },
        ...(withPerKeyOnly ? [{ label: 'rate-limiter-flexible, per key only', decide: flexible((id) => perKeyOnly.consume(id)) }] : []),
      ];
    };
    console.log(`${opts.connections} concurrent callers, ${opts.rounds} interleaved rounds of ${opts.duration} s each (median round shown), Redis ${topology.redisUrl}`);
    await throughput('(a) Production policy, overloaded: 100 per key, 10,000 global, W = 60 s, 1,000 keys', contenders(100, 10_000, 60_000, false), opts, admin);
    await throughput('(b) Every decision admits: 1,000,000 per key and global, W = 1 s, 1,000 keys', contenders(1_000_000, 1_000_000, 1000, true), opts, admin);
    await boundaryBurst(oursRedis, 100, opts.rounds);
  } finally {
    oursRedis.disconnect();
    flexRedis.disconnect();
    admin.disconnect();
  }
}
