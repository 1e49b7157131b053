// The wrapper every /api/v1 endpoint is declared with (in the manner of Langfuse's
// createAuthedProjectAPIRoute and Dub's withWorkspace). It owns, so that no handler
// can forget one: the rate limit and API-key authentication (before the body is even
// read; the limit first, so that a refused request never touches the database), zod
// validation of params, query and body (strict: unknown names are a 400), the error
// envelope for every error (route-level error handler), the 64 KB body limit, and
// Cache-Control (no-store unless the route declares cacheControl; ETag and compression
// come from server/http/response-optimisation.ts). The request id (X-Request-Id) is Fastify's request.id, echoed by
// app.ts and used as the envelope's correlation_id.
// The same declaration feeds the OpenAPI document, so docs and validation are one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFromApiKey, type Actor } from '../../auth';
import { db } from '../../data';
import { limitApiKey, rateLimitedError, rateLimitHeaders } from '../../resilience/rate-limit';
import { jsonWithEtag } from '../response-optimisation';
import { BODY_LIMIT_BYTES, sendError, validationError, type RequestPart } from './errors';

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export type HandlerContext<P, Q, B> = {
  actor: Actor;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  requestId: string;
};

export type V1RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema> = {
  method: 'GET' | 'POST';
  /** relative to /api/v1, with OpenAPI-style parameters: "/firs/{id}" */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** the success status (200 unless said) and the schema of its body */
  status?: 200 | 201;
  response: R;
  /** error statuses this endpoint can answer besides the ones every endpoint can (400, 401, 500) */
  errors?: number[];
  /**
   * Cache-Control of a success (errors are always no-store), for GETs whose data changes
   * rarely: with it the response also gets an ETag, and a matching If-None-Match a 304.
   * Unset: no-store.
   */
  cacheControl?: string;
  /** for 201 answers: the URL of what was created (the Location header) */
  location?: (data: z.input<R>) => string;
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<z.input<R>>;
};

/** What the registry and the OpenAPI generator see of a route. */
export type V1Route = Omit<V1RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema>, 'handler' | 'location'> & {
  hasLocation: boolean;
  register: (app: FastifyInstance) => void;
};

export const V1_PREFIX = '/api/v1';

const actors = new WeakMap<FastifyRequest, Actor>();

/** Bearer first, X-API-Key second; a malformed Authorization header is simply no key. */
function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth) return /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // First, so that even a 401 or a 413 carries it.
  void reply.header('cache-control', 'no-store');
  const presented = presentedKey(request);
  // Rate limit before authentication, keyed by the presented key (not the api_key row's
  // id): auth reads that row, and a refused request must not query the database (design
  // property 28). Wrong keys are still a 401 once admitted. No key at all needs no
  // database to refuse, so it is not counted.
  if (presented) {
    const decision = await limitApiKey(presented);
    void reply.headers(rateLimitHeaders(decision));
    if (!decision.allowed) throw rateLimitedError(decision);
  }
  actors.set(request, await actorFromApiKey(db, presented));
}

function parsePart<S extends Schema | undefined>(part: RequestPart, schema: S, value: unknown): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error);
  return result.data as Out<S>;
}

/** "/firs/{id}" → "/firs/:id" */
export const fastifyPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ':$1');

export function withApiKey<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(spec: V1RouteSpec<P, Q, B, R>): V1Route {
  const { handler, location, ...doc } = spec;
  const status = spec.status ?? 200;
  return {
    ...doc,
    hasLocation: location !== undefined,
    register(app) {
      app.route({
        method: spec.method,
        url: fastifyPath(spec.path),
        bodyLimit: BODY_LIMIT_BYTES,
        onRequest: authenticate,
        errorHandler: sendError,
        handler: async (request, reply) => {
          const actor = actors.get(request);
          if (!actor) throw new Error('withApiKey: request reached the handler unauthenticated');
          const data = await handler({
            actor,
            params: parsePart('params', spec.params as P, request.params),
            query: parsePart('query', spec.query as Q, request.query),
            body: parsePart('body', spec.body as B, request.body),
            requestId: request.id,
          });
          if (location) void reply.header('location', location(data));
          if (spec.cacheControl) {
            void reply.header('cache-control', spec.cacheControl);
            if (data !== null && typeof data === 'object') {
              const { body, etag } = jsonWithEtag(data);
              return reply.code(status).header('content-type', 'application/json; charset=utf-8').header('etag', etag).send(body);
            }
          }
          return reply.code(status).send(data);
        },
      });
    },
  };
}
