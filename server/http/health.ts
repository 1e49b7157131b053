// GET /api/health: every node of the topology (primary, replicas, Redis) as up/down
// with latency. 200 while the primary is up (status "degraded" if anything else is
// down), 503 when the primary is down: writes cannot succeed then.
import { checkRedis, type RedisHealth } from '../cache';
import { checkPostgres, type NodeHealth } from '../data';
import { topology } from '../env';

export type HealthReport = {
  status: 'ok' | 'degraded' | 'down';
  checkedAt: string;
  nodes: NodeHealth[];
  redis: RedisHealth;
};

export async function healthReport(): Promise<HealthReport> {
  const [primary, replicas, redis] = await Promise.all([
    checkPostgres('primary', topology.primaryUrl),
    Promise.all(topology.replicaUrls.map((url, i) => checkPostgres(`replica${i + 1}`, url))),
    checkRedis(),
  ]);
  const nodes = [primary, ...replicas];
  const allUp = nodes.every((n) => n.up) && redis.up;
  return {
    status: !primary.up ? 'down' : allUp ? 'ok' : 'degraded',
    checkedAt: new Date().toISOString(),
    nodes,
    redis,
  };
}
