// The data layer's routing room: pools, the read router, read-your-writes, health.
export { ReadRouter, type ReplicaFacts, type PoolSettings } from './read-router';
export { NodePool, isConnectFailure, type PoolRole } from './node-pool';
export { RoutingPool } from './routing-pool';
export { route, weightOf, qualifies, isReadOnlyStatement, WeightedRoundRobin, type ReplicaView, type RouteDecision } from './balancer';
export { nextInReadSet, type LagLimits } from './read-set';
export { parseLsn, formatLsn } from './lsn';
export { acceptToken, rywState, noteWrite, untracked, tokenCookie, LSN_COOKIE, LSN_HEADER } from './read-your-writes';
export { dataMetrics } from './metrics';
export { attachToken } from './response-token';
export { HealthMonitor, type NodeReport, type MonitoredNode } from './health-monitor';
export { SyncCommitGuard, nextSyncAction, type SyncCommitMode, type SyncCommitState } from './sync-commit';
