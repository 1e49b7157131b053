// The one place where the REST API's snake_case meets the services' camelCase: key
// conversion for values (responses, error details) and for zod object shapes (so a
// REST schema reuses a service schema's validators instead of restating them).
import type { z } from 'zod';

export type SnakeCase<S extends string> = S extends `${infer C}${infer R}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<R>}`
  : S;

/** What a service value looks like on the wire: snake_case keys, dates as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as K extends string ? SnakeCase<K> : K]: Wire<T[K]> }
      : T;

export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camelCase = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A service value as the API returns it (deep: nested objects, arrays, dates). */
export function toWire<T>(value: T): Wire<T> {
  return convert(value) as Wire<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[snakeCase(k)] = convert(v);
    return out;
  }
  return value;
}

/** Top-level keys of a validated snake_case body, renamed for the service. */
export function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), v]));
}

type SnakeShape<S extends z.ZodRawShape> = { [K in keyof S as K extends string ? SnakeCase<K> : K]: S[K] };

/** A service object's shape with snake_case keys and the very same field schemas. */
export function snakeShape<S extends z.ZodRawShape>(shape: S): SnakeShape<S> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [snakeCase(k), v])) as SnakeShape<S>;
}
