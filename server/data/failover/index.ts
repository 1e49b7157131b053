// Managed failover (docs/data-layer.md): the controller, the Redis topology store, the candidate rule.
export { FailoverController, type StackHooks, type FailoverOptions } from './failover-controller';
export { TopologyStore, instanceId, type TFailoverEvent, type TPublishedTopology } from './topology-store';
export { chooseCandidate, parseSyncNames, type Candidate, type Choice, type SyncSpec } from './choose-candidate';
export { failoverMetrics } from './notify';
