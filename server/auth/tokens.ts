// Random tokens and their stored digests. Session tokens and API key secrets are
// 256-bit random values, so a plain SHA-256 is enough to store them (no salt needed:
// nothing to brute-force), and lookups stay a primary-key read.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
