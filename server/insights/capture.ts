// Statement capture: one listener on the driver-level statement hook
// (server/data/statement-hooks.ts) counts and times every statement per node and
// fingerprint, keeps the last few examples with the route and correlation id that ran
// them, and hands each statement to the N+1 detector and, over the threshold, to the
// slow log's queue. All of it is in-process and bounded; pg_stat_statements (merged in
// top-statements.ts) is the server-side view that survives restarts.
import type { StatementEvent } from '../data/statement-hooks';
import { currentContext } from '../lib/request-context';
import { observeForNPlusOne } from './n-plus-one';
import { statementInfo, type StatementInfo } from './statement-info';

export type StatementExample = {
  at: number;
  durationMs: number;
  rowCount: number | null;
  route: string | null;
  correlationId: string | null;
  /** the text as sent (parameters as $n) */
  text: string;
  /** its bind parameters, on the newest example only (in memory, for EXPLAIN; never sent to the browser) */
  values?: unknown[];
};

export type CapturedStatement = {
  node: string;
  fingerprint: string;
  info: StatementInfo;
  calls: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  rows: number;
  firstAt: number;
  lastAt: number;
  /** newest last */
  examples: StatementExample[];
};

export type SlowStatement = { node: string; info: StatementInfo; example: StatementExample };

const MAX_ENTRIES = 5000; // (node, fingerprint) pairs: beyond this new ones are counted as dropped, not kept
const EXAMPLES = 5; // recent examples per statement

export type CaptureOptions = {
  slowMs: number;
  nPlusOne: { minCount: number; minTotalMs: number };
  onSlow: (s: SlowStatement) => void;
};

export class StatementStore {
  private readonly entries = new Map<string, CapturedStatement>();
  dropped = 0;
  since = Date.now();

  constructor(private readonly opts: CaptureOptions) {}

  /** The statement hook's listener. */
  readonly listener = (e: StatementEvent): void => {
    const info = statementInfo(e.text);
    const key = `${e.node}\u0000${info.fingerprint}`;
    let entry = this.entries.get(key);
    const now = Date.now();
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) {
        this.dropped++;
        return;
      }
      entry = { node: e.node, fingerprint: info.fingerprint, info, calls: 0, errors: 0, totalMs: 0, maxMs: 0, rows: 0, firstAt: now, lastAt: now, examples: [] };
      this.entries.set(key, entry);
    }
    entry.calls++;
    entry.totalMs += e.durationMs;
    if (e.durationMs > entry.maxMs) entry.maxMs = e.durationMs;
    if (e.error) entry.errors++;
    entry.rows += e.rowCount ?? 0;
    entry.lastAt = now;
    const ctx = currentContext();
    const example: StatementExample = {
      at: now,
      durationMs: e.durationMs,
      rowCount: e.rowCount,
      route: ctx?.route ?? (ctx ? `(${ctx.kind})` : null),
      correlationId: ctx?.correlationId ?? null,
      text: e.text,
      ...(e.values ? { values: e.values } : {}),
    };
    if (entry.examples.length >= EXAMPLES) entry.examples.shift();
    // Parameters are kept on the newest example only (what EXPLAIN and the advisor use):
    // a FIR's narrative is up to 20 KB, and the older examples only need route and time.
    const previous = entry.examples.at(-1);
    if (previous) delete previous.values;
    entry.examples.push(example);
    if (ctx) observeForNPlusOne(ctx, info, example, this.opts.nPlusOne);
    if (e.durationMs >= this.opts.slowMs && !e.error && info.command !== 'explain') this.opts.onSlow({ node: e.node, info, example });
  };

  list(): CapturedStatement[] {
    return [...this.entries.values()];
  }

  get(node: string, fingerprint: string): CapturedStatement | undefined {
    return this.entries.get(`${node}\u0000${fingerprint}`);
  }

  reset(): void {
    this.entries.clear();
    this.dropped = 0;
    this.since = Date.now();
  }
}
