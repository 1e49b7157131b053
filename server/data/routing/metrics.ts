// Prometheus metrics of the data layer, on the process registry:
//   db_read_routes_total{target,reason}          where each routed read went and why
//   db_pool_utilization{pool}                    checked-out / max, 0..1
//   db_pool_connections{pool,state}              total | idle | waiting
//   db_node_up{node}                             1 up, 0 down (health monitor)
//   db_replication_lag_bytes{node,source}        source: replica (received - replayed) | primary (current - replayed)
//   db_replication_lag_seconds{node}             how long ago the primary was where the replica has replayed to
//   db_node_in_read_set{node}                    1 in, 0 out
//   db_node_weight{node}                         the balancer's current weight
//   db_node_cpu_ratio{node}                      0..1, where the node exposes it (the local stack)
import client from 'prom-client';
import { remember } from '../../lib';
import { registry } from '../../observability';

const gauge = (name: string, help: string, labelNames: string[]) =>
  remember(`metrics:${name}`, () => new client.Gauge({ name, help, labelNames, registers: [registry] }));

export const dataMetrics = {
  routes: remember(
    'metrics:db_read_routes_total',
    () =>
      new client.Counter({
        name: 'db_read_routes_total',
        help: 'Statements through the routed client, by target node and reason',
        labelNames: ['target', 'reason'] as const,
        registers: [registry],
      }),
  ),
  poolUtilization: gauge('db_pool_utilization', 'Connections checked out or awaited / pool max', ['pool']),
  poolConnections: gauge('db_pool_connections', 'Pool connections by state', ['pool', 'state']),
  nodeUp: gauge('db_node_up', 'Database node reachable (1) or not (0)', ['node']),
  lagBytes: gauge('db_replication_lag_bytes', 'Replication lag in bytes, as seen from the replica or the primary', ['node', 'source']),
  lagSeconds: gauge('db_replication_lag_seconds', 'Replication lag in seconds', ['node']),
  inReadSet: gauge('db_node_in_read_set', 'Replica in the read set (1) or not (0)', ['node']),
  weight: gauge('db_node_weight', 'Read balancing weight', ['node']),
  cpu: gauge('db_node_cpu_ratio', 'Node CPU use, 0..1 of one core per core', ['node']),
};
