// Whether a replica belongs to the read set, with hysteresis so a replica whose lag
// hovers around the limit does not flap in and out: it leaves when its lag passes
// `outAboveSeconds` (5 s) and comes back only once under `backBelowSeconds` (2 s).
// A node that is down, not a replica, or marked out by an operator is never in.

export type LagLimits = { outAboveSeconds: number; backBelowSeconds: number };

export type ReadSetInput = {
  /** in the read set after the previous check */
  wasIn: boolean;
  up: boolean;
  role: 'primary' | 'replica' | 'unknown';
  /** replay lag in seconds; null when unknown (counts as too far behind) */
  lagSeconds: number | null;
  markedOut: boolean;
};

export function nextInReadSet(s: ReadSetInput, limits: LagLimits): boolean {
  if (!s.up || s.role !== 'replica' || s.markedOut || s.lagSeconds === null) return false;
  if (s.wasIn) return s.lagSeconds <= limits.outAboveSeconds;
  return s.lagSeconds < limits.backBelowSeconds;
}
