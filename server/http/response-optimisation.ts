// Response optimisation for every /api response (backend-optimization §3):
// - ETag on successful GET/HEAD bodies, and 304 Not Modified when the client's
//   If-None-Match names it: a client that revalidates a FIR it already has gets no body.
//   Weak (W/"…"): the same representation may go out gzip, brotli or identity.
// - gzip / brotli (@fastify/compress) for bodies over 1 KB (property 12), after the
//   ETag is taken from the uncompressed bytes. Brotli at quality 4, the plugin's default.
// Must be registered before any route, so the compression hook reaches every route.
import { createHash } from 'node:crypto';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export const COMPRESS_THRESHOLD_BYTES = 1024;

export function etagOf(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

// A cached route answers the very same object on every hit (from L1), and serialising
// and hashing its 1.7 KB on every request was ~6 % of the cached FIR route's CPU
// (docs/performance.md): both are made once per object. Objects must not be changed
// after they are answered (L1's are shared by every request already).
const jsonBodies = new WeakMap<object, { body: string; etag: string }>();

/** The JSON text of `data` (as Fastify would serialise it) and its ETag, made once per object. */
export function jsonWithEtag(data: object): { body: string; etag: string } {
  let made = jsonBodies.get(data);
  if (!made) {
    const body = JSON.stringify(data);
    jsonBodies.set(data, (made = { body, etag: etagOf(body) }));
  }
  return made;
}

/** Whether an If-None-Match header names this ETag (a list, *, weak or strong forms). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === bare;
  });
}

export async function registerResponseOptimisation(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return done(null, payload);
    // Already set by jsonWithEtag's caller for exactly this payload.
    const given = reply.getHeader('etag');
    const etag = typeof given === 'string' ? given : etagOf(payload);
    if (given === undefined) void reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return done(null, '');
    }
    done(null, payload);
  });
  await app.register(compress, { threshold: COMPRESS_THRESHOLD_BYTES, encodings: ['br', 'gzip', 'deflate'] });
}
