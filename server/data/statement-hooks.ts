// The driver-level seam for everything that watches SQL: every statement a pooled pg
// client runs (Prisma's adapter uses pool.query and, for transactions, a checked-out
// client) is reported to the listeners with its node, text, duration and outcome.
// With no listener registered a statement costs one Set size check.
import { AsyncResource } from 'node:async_hooks';
import type pg from 'pg';

export type StatementEvent = {
  /** 'primary', 'replica1'… (the pool's node name) */
  node: string;
  text: string;
  /** wall time from the driver call to the result, in ms */
  durationMs: number;
  rowCount: number | null;
  /** the bind parameters, as passed (not copied): for EXPLAIN of a slow statement */
  values?: unknown[];
  error?: unknown;
};

type Listener = (e: StatementEvent) => void;
const listeners = new Set<Listener>();

/** Registers a listener; returns the function that removes it. */
export function onStatement(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function emit(e: StatementEvent): void {
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      // A watcher must never break the query it watches.
    }
  }
}

const INSTRUMENTED = Symbol('afirgen.instrumented');
const CALLER = Symbol('afirgen.caller');

/**
 * Called where a statement enters a pool, in the caller's async context (BreakerPool.query).
 * pg runs a pooled query from its queue, so the callback that reports it would otherwise
 * run in whichever context released the connection; marked, the listeners see the
 * caller's (its request context: route, correlation id). Only config-object statements
 * (what Prisma sends) can carry the mark.
 */
export function markCaller(args: unknown[]): void {
  if (listeners.size === 0) return;
  const first = args[0];
  if (first && typeof first === 'object' && typeof (first as { submit?: unknown }).submit !== 'function') {
    (first as { [CALLER]?: AsyncResource })[CALLER] = new AsyncResource('afirgen.statement');
  }
}

/** Wraps one pg client's query() so its statements (promise and callback forms) are reported. */
export function instrumentClient(client: pg.ClientBase, node: string): void {
  const c = client as pg.ClientBase & { [INSTRUMENTED]?: true };
  if (c[INSTRUMENTED]) return;
  c[INSTRUMENTED] = true;
  const original = c.query.bind(c) as (...args: unknown[]) => unknown;
  (c as { query: unknown }).query = (...args: unknown[]): unknown => {
    if (listeners.size === 0) return original(...args);
    const first = args[0];
    // Submittables (cursors, streams) pass through unwatched.
    if (first && typeof (first as { submit?: unknown }).submit === 'function') return original(...args);
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : (first as { values?: unknown[] } | undefined)?.values;
    const start = performance.now();
    const caller = (first as { [CALLER]?: AsyncResource } | undefined)?.[CALLER];
    const report = (rowCount: number | null, error?: unknown) => {
      const e: StatementEvent = { node, text, durationMs: performance.now() - start, rowCount, ...(values ? { values } : {}), ...(error ? { error } : {}) };
      if (caller) caller.runInAsyncScope(emit, null, e);
      else emit(e);
    };
    // pg's Pool.query calls client.query with a callback; Prisma's transactions use the promise form.
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (err: unknown, res?: pg.QueryResult) => void;
      args[args.length - 1] = (err: unknown, res?: pg.QueryResult) => {
        report(err ? null : (res?.rowCount ?? null), err || undefined);
        callback(err, res);
      };
      return original(...args);
    }
    const result = original(...args);
    if (!(result instanceof Promise)) return result;
    return result.then(
      (res: pg.QueryResult) => {
        report(res?.rowCount ?? null);
        return res;
      },
      (error: unknown) => {
        report(null, error);
        throw error;
      },
    );
  };
}
