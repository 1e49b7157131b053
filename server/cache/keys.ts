// Cache keys are "{namespace}:{entity}:{identifier}" (backend-optimization property 11),
// so two kinds of data can never collide and a namespace can be named in a pattern.
// Patterns are Redis globs limited to * and ? so that the same pattern means the same
// thing to Redis SCAN (L2) and to the regular expression L1 is searched with.
import { createHash } from 'node:crypto';
import { AppError } from '../lib';

export const NAMESPACES = ['fir', 'violation', 'kb', 'session', 'stats'] as const;
export type CacheNamespace = (typeof NAMESPACES)[number];

const PART = /^[a-z][a-z0-9_-]{0,39}$/; // namespace and entity: short, lower-case
const IDENT = /^[A-Za-z0-9_.@=+-]{1,200}$/; // no ':' so a key splits back into its three parts
export const PATTERN = /^[A-Za-z0-9_.@=+:*?-]{1,200}$/;
export const TAG = /^[a-z][a-z0-9_-]{0,39}(?::[A-Za-z0-9_.@=+-]{1,100})?$/;

export function cacheKey(namespace: CacheNamespace, entity: string, identifier: string | number): string {
  const id = String(identifier);
  if (!(NAMESPACES as readonly string[]).includes(namespace)) throw new RangeError(`unknown cache namespace "${namespace}"`);
  if (!PART.test(entity)) throw new RangeError(`cache entity must match ${PART}, got "${entity}"`);
  if (!IDENT.test(id)) throw new RangeError(`cache identifier must match ${IDENT}, got "${id}"`);
  return `${namespace}:${entity}:${id}`;
}

/** The parts of a key made by cacheKey, or null for anything else. */
export function parseKey(key: string): { namespace: CacheNamespace; entity: string; identifier: string } | null {
  const parts = key.split(':');
  if (parts.length !== 3) return null;
  const [namespace, entity, identifier] = parts as [string, string, string];
  if (!(NAMESPACES as readonly string[]).includes(namespace) || !PART.test(entity) || !IDENT.test(identifier)) return null;
  return { namespace: namespace as CacheNamespace, entity, identifier };
}

/** A short stable identifier for values too long or free-form to be one (a search query). */
export function hashId(...parts: (string | number | boolean | null | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function assertPattern(pattern: string): void {
  if (!PATTERN.test(pattern)) {
    throw new AppError('BAD_REQUEST', 'A pattern is letters, digits, : _ . @ = + - and the wildcards * and ? (for example fir:record:*)');
  }
}

export function assertTag(tag: string): void {
  if (!TAG.test(tag)) throw new AppError('BAD_REQUEST', 'A tag is a lower-case name, optionally with ":<id>" (for example firs or station:12)');
}

/** The regular expression a glob pattern means: * any run of characters, ? one character. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\=@-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
