// `npm run bench -- cache`: GET /api/v1/firs/{id} at N connections for D seconds,
// served (a) from L1, (b) from L2 (L1 off), (c) uncached from a replica, and (d) by a
// bare Node http server returning the same JSON bytes (the ceiling); interleaved
// rounds, medians, ratios to (d). Goal: (a) >= 50 % of (d), p99 < 20 ms.
// Then, in this process, get-hit throughput of our cache against bentocache's (same
// run): L1 hits one at a time, and L2 hits with 100 in flight, with lru-cache's raw
// get as the ceiling for L1.
// The API servers run on their own database (afirgen_bench, made and migrated here),
// with the rate limits raised so that the limiter is measured but never refuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from '../bench';
import { interleaved, type LoadResult, printTable, startProcess, waitForUrl } from './load';

const DATABASE = 'afirgen_bench';
const PORTS = { l1: 3220, l2: 3221, replica: 3222, bare: 3223 };
process.env.DATABASE_NAME = DATABASE;

export async function run(opts: BenchOptions): Promise<void> {
  const { topology, localUrls, env } = await import('../../server/env');
  if (!topology.local) throw new Error('the cache benchmark runs on the local stack (unset DATABASE_URL, DATABASE_REPLICA_URLS, REDIS_URL)');
  if (topology.replicaUrls.length === 0) throw new Error('the cache benchmark needs a replica (STACK_REPLICAS >= 1)');
  const { id, key } = await prepareData();
  const replica = localUrls(env, DATABASE).replicaUrls[0]!;

  // A 1 s window: at these rates one key's 100,000 a minute (the most RATE_LIMIT_PER_KEY
  // allows) ran out across the servers and turned the rest of a run into cheap 429s.
  const common = { LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_NAME: DATABASE, RATE_LIMIT_PER_KEY: '100000', RATE_LIMIT_GLOBAL: '1000000', RATE_LIMIT_WINDOW_SECONDS: '1', CACHE_WARM: '' };
  const api = (port: number, extra: Record<string, string>) =>
    startProcess(process.execPath, ['--import', 'tsx', 'scripts/bench/api-server.ts', String(port)], { ...common, ...extra });
  const servers = {
    l1: api(PORTS.l1, {}),
    l2: api(PORTS.l2, { CACHE_L1_MAX_ENTRIES: '0' }),
    // Reads of the uncached server go to a replica: its "primary" is replica 1 (the
    // benchmark only reads; the limiter and lastUsedAt writes are not on the database).
    replica: api(PORTS.replica, { CACHE_ENABLED: 'false', DATABASE_URL: replica, DATABASE_REPLICA_URLS: '', REDIS_URL: topology.redisUrl }),
  };
  const headers = { authorization: `Bearer ${key}` };
  const url = (port: number) => `http://127.0.0.1:${port}/api/v1/firs/${id}`;
  let bare: ReturnType<typeof startProcess> | undefined;
  try {
    for (const port of [PORTS.l1, PORTS.l2, PORTS.replica]) await waitForApi(url(port), headers);
    // The ceiling serves exactly the bytes the API returns for this FIR.
    const body = Buffer.from(await (await fetch(url(PORTS.l1), { headers })).arrayBuffer());
    const file = path.join(os.tmpdir(), `afirgen-bench-fir-${process.pid}.json`);
    fs.writeFileSync(file, body);
    bare = startProcess(process.execPath, ['--import', 'tsx', 'scripts/bench/bare-bytes-server.ts', String(PORTS.bare), file], {});
    await waitForUrl(`http://127.0.0.1:${PORTS.bare}/`);
    console.error(`FIR JSON: ${body.length} bytes. Measuring ${opts.connections} connections × ${opts.duration}s per target per round, ${opts.rounds} rounds interleaved (2s warm-up each)…`);
    const [l1, l2, db, ceiling] = (await interleaved(
      [
        { label: '(a) API, from L1', url: url(PORTS.l1), headers, pid: servers.l1.pid },
        { label: '(b) API, from L2 (Redis)', url: url(PORTS.l2), headers, pid: servers.l2.pid },
        { label: '(c) API, uncached (replica)', url: url(PORTS.replica), headers, pid: servers.replica.pid },
        { label: '(d) bare Node http, same bytes', url: `http://127.0.0.1:${PORTS.bare}/`, pid: bare.pid },
      ],
      opts,
    )) as [LoadResult, LoadResult, LoadResult, LoadResult];
    printTable([l1, l2, db, ceiling], ceiling);
    const ratio = l1.rps / ceiling.rps;
    console.log(
      `L1 route / bare = ${ratio.toFixed(3)} in req/s (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); L1 p99 ${l1.p99} ms (goal < 20: ${l1.p99 < 20 ? 'met' : 'NOT met'}); ` +
        `L1 / uncached = ${(l1.rps / db.rps).toFixed(2)}x, L2 / uncached = ${(l2.rps / db.rps).toFixed(2)}x`,
    );
    if ([l1, l2, db, ceiling].some((r) => r.errors + r.non2xx > 0)) {
      console.log('warning: some requests failed; the figures above are not clean');
      process.exitCode = 1;
    }
    fs.rmSync(file, { force: true });
  } finally {
    for (const s of Object.values(servers)) s.kill('SIGTERM');
    bare?.kill('SIGTERM');
  }
  await compareLibraries();
  const { db } = await import('../../server/data');
  const { redis } = await import('../../server/cache');
  await db.$disconnect();
  redis.disconnect();
  process.exit(process.exitCode ?? 0);
}

/** The bench database, migrated, with the BNS sections, a station, an API key and one registered FIR. */
export async function prepareData(): Promise<{ id: string; key: string }> {
  const pg = (await import('pg')).default;
  const { topology } = await import('../../server/env');
  const maintenance = new URL(topology.primaryUrl);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const { migrate } = await import('../../server/data/migrations');
  await migrate(topology.primaryUrl, 'prisma/migrations', { log: () => {} });
  const { db } = await import('../../server/data');
  const { loadBns } = await import('../../server/fir/seed/load-bns');
  const { loadBnsSections } = await import('../../server/fir/bns/load-sections');
  await loadBns(db as never, loadBnsSections());
  const { createApiKey, hashPassword } = await import('../../server/auth');
  const { createDraft, registerFir } = await import('../../server/fir');
  const code = `B-${Date.now().toString(36)}`.toUpperCase();
  const station = await db.policeStation.create({ data: { code, name: `Bench ${code}`, district: 'Bench District', state: 'Bench State' } });
  const user = await db.user.create({
    data: { email: `bench.${code.toLowerCase()}@bench.afirgen`, name: 'Bench admin', role: 'admin', stationId: null, passwordHash: await hashPassword(`bench-${code}`) },
  });
  const actor = { kind: 'user' as const, userId: user.id, role: 'admin' as const, stationId: null, name: user.name };
  const { key } = await createApiKey(db, actor, { name: `bench ${code}`, stationId: station.id });
  const fir = await createDraft(db, actor, {
    stationId: station.id,
    complainantName: 'Meena Kumari',
    narrative:
      'On the night of the 14th, two unknown men on a black motorcycle snatched my gold chain near the bus stand on MG Road and fled towards the railway station. ' +
      'A shopkeeper saw them; one wore a red helmet. The chain weighed about 20 grams and was bought in 2019.',
    sections: [{ act: 'BNS', section: '303(2)' }, { act: 'BNS', section: '304' }],
  });
  await registerFir(db, actor, fir.id);
  return { id: fir.id, key };
}

/** Polls until the API answers 200 for the FIR (the server is up and the key works). */
async function waitForApi(url: string, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(url, { headers }).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within 60 s`);
}

async function timeOps(label: string, count: number, inFlight: number, op: (worker: number) => unknown): Promise<{ label: string; opsPerSec: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      while (next++ < count) await op(worker);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { label, opsPerSec: count / seconds };
}

/** Get-hit throughput in this process: lru-cache (the L1 ceiling), our cache, bentocache. */
async function compareLibraries(): Promise<void> {
  const { LRUCache } = await import('lru-cache');
  const { Redis } = await import('ioredis');
  const { BentoCache, bentostore } = await import('bentocache');
  const { memoryDriver } = await import('bentocache/drivers/memory');
  const { redisDriver } = await import('bentocache/drivers/redis');
  const { TwoLevelCache, cacheOptions } = await import('../../server/cache');
  const { topology } = await import('../../server/env');
  const value = { id: 'x', narrative: 'n'.repeat(400), sections: [{ act: 'BNS', section: '303(2)' }], at: new Date() };
  const fetch = async () => value;
  const redisOf = () => {
    const r = new Redis(topology.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    r.on('error', () => {});
    return r;
  };
  const passThrough = { execute: <T>(fn: () => PromiseLike<T> | T) => Promise.resolve(fn()) };
  const ns = `afg:bench:${process.pid}:`;
  const ours = new TwoLevelCache(redisOf(), null, cacheOptions({ prefix: ns, channel: `${ns}ch`, breaker: passThrough, enabled: true }));
  const oursL2 = new TwoLevelCache(redisOf(), null, cacheOptions({ prefix: ns, channel: `${ns}ch`, breaker: passThrough, enabled: true, l1MaxEntries: 0 }));
  const bentoRedis = redisOf();
  const bento = new BentoCache({ default: 'both', stores: { both: bentostore().useL1Layer(memoryDriver({ maxItems: 1000 })).useL2Layer(redisDriver({ connection: bentoRedis })) } });
  const bentoL2 = new BentoCache({ default: 'l2', stores: { l2: bentostore().useL2Layer(redisDriver({ connection: bentoRedis })) } });
  const lru = new LRUCache<string, object>({ max: 1000, ttl: 60_000 });
  lru.set('fir:record:x', value);
  await ours.getOrFetch('fir:record:x', fetch);
  // One key per worker for L2: the same key 100 times at once would be one Redis read (single-flight).
  const l2Key = (w: number) => `fir:record:y${w}`;
  for (let w = 0; w < 100; w++) await oursL2.getOrFetch(l2Key(w), fetch);
  await bento.getOrSet({ key: 'fir:record:x', factory: fetch, ttl: '1h' });
  for (let w = 0; w < 100; w++) await bentoL2.getOrSet({ key: l2Key(w), factory: fetch, ttl: '1h' });
  const L1_OPS = 300_000;
  const L2_OPS = 20_000;
  console.error('Comparing get-hit throughput in this process…');
  const rows = [];
  for (let round = 0; round < 3; round++) {
    rows.push(
      await timeOps('lru-cache get (sync, the L1 ceiling)', L1_OPS * 3, 1, () => lru.get('fir:record:x')),
      await timeOps('ours: L1 hit (getOrFetch, awaited)', L1_OPS, 1, () => ours.getOrFetch('fir:record:x', fetch)),
      await timeOps('bentocache: L1 hit (getOrSet, awaited)', L1_OPS / 10, 1, () => bento.getOrSet({ key: 'fir:record:x', factory: fetch, ttl: '1h' })),
      await timeOps('ours: L2 hit, 100 in flight', L2_OPS, 100, (w) => oursL2.getOrFetch(l2Key(w), fetch)),
      await timeOps('bentocache: L2 hit, 100 in flight', L2_OPS, 100, (w) => bentoL2.getOrSet({ key: l2Key(w), factory: fetch, ttl: '1h' })),
    );
  }
  const median = new Map<string, number>();
  for (const label of new Set(rows.map((r) => r.label))) {
    const v = rows.filter((r) => r.label === label).map((r) => r.opsPerSec).sort((a, b) => a - b);
    median.set(label, v[1]!);
  }
  console.table([...median].map(([label, ops]) => ({ 'get hit': label, 'ops/s (median of 3)': Math.round(ops).toLocaleString('en-US') })));
  const oursL1 = median.get('ours: L1 hit (getOrFetch, awaited)')!;
  const bentoL1 = median.get('bentocache: L1 hit (getOrSet, awaited)')!;
  console.log(
    `L1 hit: ours / bentocache = ${(oursL1 / bentoL1).toFixed(1)}x; ours / raw lru-cache = ${(oursL1 / median.get('lru-cache get (sync, the L1 ceiling)')!).toFixed(3)}; ` +
      `L2 hit: ours / bentocache = ${(median.get('ours: L2 hit, 100 in flight')! / median.get('bentocache: L2 hit, 100 in flight')!).toFixed(2)}x`,
  );
  await Promise.allSettled([ours.close(), oursL2.close(), bento.disconnectAll(), bentoL2.disconnectAll()]);
}
