// Per-request (and per-job) context carried by AsyncLocalStorage: a correlation id and
// named slots that features keep their own state in (read-your-writes tokens, the
// statements a request ran, its trace id...). A feature declares a slot once with
// contextSlot() instead of widening a shared type, so features stay independent.
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestContext = {
  /** echoed as x-request-id and written on every log line as correlation_id */
  readonly correlationId: string;
  /** 'http' for a request, 'job' for a background job, 'task' for anything else */
  readonly kind: 'http' | 'job' | 'task';
  /** route template once known (never a raw path): bounded, safe as a metric label */
  route?: string;
  readonly slots: Map<symbol, unknown>;
};

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs fn inside a new context. */
export function runWithContext<T>(
  init: { correlationId: string; kind: RequestContext['kind']; route?: string },
  fn: () => T,
): T {
  return storage.run({ ...init, slots: new Map() }, fn);
}

/** The current context, or undefined outside any request or job. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export type ContextSlot<T> = {
  /** the value in the current context (undefined outside a context or when unset) */
  get(): T | undefined;
  /** sets the value in the current context; a no-op outside one */
  set(value: T): void;
  /** the current value, made by init on first use within a context; undefined outside one */
  getOrInit(init: () => T): T | undefined;
};

export function contextSlot<T>(name: string): ContextSlot<T> {
  const key = Symbol(name);
  return {
    get: () => storage.getStore()?.slots.get(key) as T | undefined,
    set: (value) => void storage.getStore()?.slots.set(key, value),
    getOrInit: (init) => {
      const store = storage.getStore();
      if (!store) return undefined;
      if (!store.slots.has(key)) store.slots.set(key, init());
      return store.slots.get(key) as T;
    },
  };
}
