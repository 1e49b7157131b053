// Which replica may become the primary without losing an acknowledged commit. Pure, so
// the rule is property-tested (tests/unit/failover-properties.test.ts).
//
// With synchronous_standby_names = 'ANY k (s1 … sn)' (or FIRST k, or a bare list) a
// commit is acknowledged once k of those n standbys have flushed it. So if at least
// n − k + 1 of them are reachable, every acknowledged commit is on at least one of them,
// and the one that has flushed the most WAL holds them all (WAL is a single ordered
// stream). Fewer reachable, or no synchronous standbys at all (asynchronous, or degraded
// because none was connected), and an acknowledged commit may exist only on the lost
// primary: no automatic promotion — an operator decides (a switchover, or bringing the
// primary back). FIRST k is treated like ANY k, which is at least as strict.

export type SyncSpec = { k: number; names: string[] };

/** Parses synchronous_standby_names; null when it is empty (no synchronous replication). */
export function parseSyncNames(text: string): SyncSpec | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(?:(ANY|FIRST)\s+)?(\d+)\s*\((.*)\)$/i.exec(t);
  const list = (m ? m[3]! : t)
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
  if (list.length === 0) return null;
  const k = m ? Number(m[2]) : 1; // a bare list is FIRST 1 (…)
  return { k: Math.max(1, Math.min(k, list.length)), names: list };
}

export type Candidate = {
  name: string;
  reachable: boolean;
  inRecovery: boolean;
  /** pg_last_wal_receive_lsn(): WAL flushed by the standby, what a synchronous commit waited for */
  flushLsn: bigint | null;
};

export type Choice = { ok: true; name: string; lsn: bigint } | { ok: false; reason: string };

export function chooseCandidate(syncNames: string, candidates: readonly Candidate[], exclude: ReadonlySet<string> = new Set()): Choice {
  const spec = parseSyncNames(syncNames);
  if (!spec) return { ok: false, reason: 'the primary ran without synchronous standbys, so an acknowledged commit may exist only on it' };
  const inSet = candidates.filter((c) => spec.names.includes(c.name));
  const usable = inSet.filter((c) => c.reachable && c.inRecovery && c.flushLsn !== null);
  const needed = spec.names.length - spec.k + 1;
  if (usable.length < needed) {
    return { ok: false, reason: `only ${usable.length} of the ${spec.names.length} synchronous standbys answer; ${needed} are needed to be sure none misses an acknowledged commit` };
  }
  const best = usable.reduce((a, b) => (b.flushLsn! > a.flushLsn! || (b.flushLsn === a.flushLsn && b.name < a.name) ? b : a));
  const allowed = usable.filter((c) => !exclude.has(c.name) && c.flushLsn === best.flushLsn);
  if (allowed.length === 0) return { ok: false, reason: `${best.name} has the most WAL but may not be chosen` };
  const pick = allowed.sort((a, b) => a.name.localeCompare(b.name))[0]!;
  return { ok: true, name: pick.name, lsn: pick.flushLsn! };
}
