// Chooses the node for one read. Pure: the health monitor and the pools supply the
// facts, so the routing rules are unit- and property-tested (db-cache-infrastructure
// properties 9–11, 35–37).
//
// Rules, in order:
// - a write (anything but a plain SELECT) or a transaction goes to the primary;
// - an operation flagged critical goes to the primary's small dedicated pool;
// - a read goes to a replica in the read set (lag hysteresis, read-set.ts) whose
//   circuit is not open and whose replay position has reached the caller's
//   read-your-writes token; when none qualifies, to the primary;
// - among the qualifying replicas, smooth weighted round-robin (nginx's), where a
//   replica's weight falls with its latency (EWMA), its in-flight statements and, above
//   80 % CPU, its CPU load.

export type Target = 'primary' | 'critical' | string;

export type ReplicaView = {
  name: string;
  inReadSet: boolean;
  breakerOpen: boolean;
  /** last known replay position; null when unknown */
  replayLsn: bigint | null;
  /** EWMA of statement latency, ms; null before the first statement */
  ewmaMs: number | null;
  inFlight: number;
  /** 0..1 when the node exposes it, else null */
  cpu: number | null;
};

export const WEIGHT_SCALE = 1000;
const CPU_HIGH = 0.8;

/**
 * A replica's weight: WEIGHT_SCALE for an idle, fast node, falling with latency,
 * in-flight count and CPU above 80 %. Never 0 for a qualifying node (it still gets
 * an occasional read, which keeps its latency estimate fresh).
 */
export function weightOf(r: Pick<ReplicaView, 'ewmaMs' | 'inFlight' | 'cpu'>): number {
  const latency = r.ewmaMs ?? 1;
  let w = WEIGHT_SCALE / (1 + Math.max(0, latency)) / (1 + Math.max(0, r.inFlight));
  if (r.cpu !== null && r.cpu >= CPU_HIGH) w *= Math.max(0.05, (1 - r.cpu) / (1 - CPU_HIGH) / 4);
  return Math.max(1, Math.round(w * 10)); // integer weights for the round-robin; scaled x10 for resolution
}

export function qualifies(r: ReplicaView, token: bigint | null): boolean {
  if (!r.inReadSet || r.breakerOpen) return false;
  if (token === null) return true;
  return r.replayLsn !== null && r.replayLsn >= token;
}

/** Smooth weighted round-robin state: each replica's running "current weight". */
export class WeightedRoundRobin {
  private readonly current = new Map<string, number>();

  /** Picks one of `weights` (name → weight > 0); null for an empty set. */
  pick(weights: ReadonlyMap<string, number>): string | null {
    let total = 0;
    let best: string | null = null;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const [name, w] of weights) {
      const v = (this.current.get(name) ?? 0) + w;
      this.current.set(name, v);
      total += w;
      if (v > bestValue) {
        bestValue = v;
        best = name;
      }
    }
    if (best === null) return null;
    this.current.set(best, bestValue - total);
    // Forget replicas that left, so one coming back starts fresh.
    for (const name of this.current.keys()) if (!weights.has(name)) this.current.delete(name);
    return best;
  }
}

const READ_ONLY = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*select\b/i;
const LOCKING = /\bfor\s+(?:no\s+key\s+)?(?:update|share|key\s+share)\b/i;

/** A statement a hot standby may run and that changes nothing: a plain SELECT without row locks. */
export function isReadOnlyStatement(text: string): boolean {
  return READ_ONLY.test(text) && !LOCKING.test(text) && !/\bnextval\s*\(/i.test(text);
}

export type RouteRequest = {
  /** the statement's text; null for a transaction (pool.connect) */
  text: string | null;
  critical: boolean;
  /** the caller's read-your-writes token */
  token: bigint | null;
  /** the caller already wrote in this request: its reads stay on the primary */
  wroteHere: boolean;
  routingOn: boolean;
};

export type RouteDecision = { target: Target; reason: 'write' | 'transaction' | 'critical' | 'replica' | 'own-write' | 'no-replica' | 'routing-off' };

export function route(req: RouteRequest, replicas: readonly ReplicaView[], rr: WeightedRoundRobin): RouteDecision {
  if (req.critical) return { target: 'critical', reason: 'critical' };
  if (req.text === null) return { target: 'primary', reason: 'transaction' };
  if (!isReadOnlyStatement(req.text)) return { target: 'primary', reason: 'write' };
  if (!req.routingOn) return { target: 'primary', reason: 'routing-off' };
  if (req.wroteHere) return { target: 'primary', reason: 'own-write' };
  const weights = new Map<string, number>();
  for (const r of replicas) if (qualifies(r, req.token)) weights.set(r.name, weightOf(r));
  const picked = rr.pick(weights);
  if (picked === null) {
    const caughtUp = replicas.some((r) => qualifies(r, null));
    return { target: 'primary', reason: caughtUp && req.token !== null ? 'own-write' : 'no-replica' };
  }
  return { target: picked, reason: 'replica' };
}
