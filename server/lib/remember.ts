// One instance per process for clients, pools and queues. Keyed on globalThis so that
// Next's bundled copy of server/ and the custom server's copy (and hot reload) share
// them instead of each opening its own connections.
const store = globalThis as typeof globalThis & { __afirgen?: Map<string, unknown> };

export function remember<T>(name: string, factory: () => T): T {
  store.__afirgen ??= new Map();
  if (!store.__afirgen.has(name)) store.__afirgen.set(name, factory());
  return store.__afirgen.get(name) as T;
}

/** Drop a remembered value (after closing it), so the next remember() makes a new one. */
export function forget(name: string): void {
  store.__afirgen?.delete(name);
}
