// Insights' own small connections to each node, for EXPLAIN, HypoPG sessions and the
// catalog/pg_stat_statements reads. Plain pg pools, deliberately not the app's
// instrumented BreakerPools: what insights runs must never be captured (no EXPLAIN of
// an EXPLAIN) nor count against the app's breakers and pool slots.
import pg from 'pg';
import { topology } from '../env';
import { remember } from '../lib/remember';

/** Node names as the app's pools use them: 'primary', 'replica1'… */
export function nodeNames(): string[] {
  return ['primary', ...topology.replicaUrls.map((_, i) => `replica${i + 1}`)];
}

export function urlOf(node: string): string {
  if (node === 'primary') return topology.primaryUrl;
  const m = /^replica(\d+)$/.exec(node);
  const url = m ? topology.replicaUrls[Number(m[1]) - 1] : undefined;
  if (!url) throw new Error(`unknown database node "${node}"`);
  return url;
}

const pools = remember('insights:pools', () => new Map<string, pg.Pool>());

export function insightsPool(node: string): pg.Pool {
  let pool = pools.get(node);
  if (!pool) {
    pool = new pg.Pool({ connectionString: urlOf(node), max: 2, idleTimeoutMillis: 30_000, application_name: 'afirgen-insights' });
    pool.on('error', () => {}); // an idle client's socket error must not crash the process
    pools.set(node, pool);
  }
  return pool;
}

export async function closeInsightsPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.allSettled(all.map((p) => p.end()));
}
