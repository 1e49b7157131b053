// The /api fast path: a Fastify instance answering every /api/* request (tRPC,
// health, metrics, later the public REST API) without going through Next.js.
// Hooks here own what every API response needs: a request id echoed back and the
// latency metric labelled by route template. Why Fastify: docs/decisions.md.
import http from 'node:http';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { appRouter, createTrpcContext, type AppRouter } from '../api';
import { CSRF_HEADER } from '../auth';
import { env } from '../env';
import { acceptToken, attachToken, readRouter } from '../data';
import { logger, observeRequest, registry } from '../observability';
import { inServerSpan } from '../observability/server-span';
import { currentContext, runWithContext } from '../lib/request-context';
import { BENCH_BODY } from './bench-payload';
import { errorEnvelope } from './envelope';
import { healthReport } from './health';
import { registerResponseOptimisation } from './response-optimisation';
import { registerV1 } from './v1';
import { registerFirCopyRoute } from './fir-copy-route';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

const LOG_REQUESTS = env.LOG_REQUESTS;
const QUIET_ROUTES = new Set(['/api/health', '/api/metrics']); // scraped every few seconds: debug only

/** The access-log line. 'finish' may fire outside the request's context, so the id is passed in. */
function logRequest(correlationId: string, route: string, method: string, status: number, ms: number): void {
  const level = QUIET_ROUTES.has(route) ? 'debug' : status >= 500 ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level]({ correlation_id: correlationId, endpoint: route, method, status, duration_ms: Math.round(ms * 100) / 100 }, 'request completed');
}

const headerValue = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

/** The caller's x-request-id when it is well-formed, else a new one. */
function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Builds the process's HTTP server: /api/* to Fastify, everything else to `other`
 * (Next.js). Fastify owns the server so that its routing needs no second dispatch.
 */
export async function createHttpServer(other: NodeHandler): Promise<{ app: FastifyInstance; server: http.Server }> {
  const app = Fastify({
    serverFactory: (apiHandler) =>
      http.createServer((req, res) =>
        // Every request runs in its own context (server/lib/request-context): its
        // correlation id is the request id, so log lines, statements and jobs it starts
        // can be tied back to it.
        runWithContext({ correlationId: requestIdOf(req), kind: 'http' }, () => {
          acceptToken(req.headers); // read-your-writes: the caller's LSN token (server/data/routing)
          return inServerSpan(req, res, currentContext(), () => (req.url?.startsWith('/api/') ? apiHandler(req, res) : other(req, res)));
        }),
      ),
    // An API body above this is a mistake or an attack; the REST API narrows it per route.
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: () => currentContext()?.correlationId ?? crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });

  // Callback-style hooks: on this path an async hook's extra promise ticks are measurable.
  app.addHook('onRequest', (request, reply, done) => {
    const ctx = currentContext();
    if (ctx) ctx.route = request.routeOptions.url ?? 'unmatched';
    void reply.header('x-request-id', request.id);
    done();
  });
  // A caller that wrote gets its read-your-writes token back (header; cookie for sessions).
  app.addHook('onSend', (request, reply, payload, done) =>
    attachToken(readRouter, reply, { cookie: request.url.startsWith('/api/trpc'), secure: request.protocol === 'https' }, () => done(null, payload)),
  );
  app.addHook('onResponse', (request, reply, done) => {
    // Route templates, never raw paths, keep the label set bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    if (LOG_REQUESTS) logRequest(request.id, route, request.method, reply.statusCode, reply.elapsedTime);
    done();
  });

  // ETag/304 and compression over 1 KB, before any route so every route gets them.
  await registerResponseOptimisation(app);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/api/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createTrpcContext({
          requestId: req.id,
          transport: {
            kind: 'http',
            cookieHeader: req.headers.cookie,
            csrfHeader: headerValue(req.headers[CSRF_HEADER]),
            secure: req.protocol === 'https',
            setCookies: (cookies) => void res.header('set-cookie', cookies),
          },
        }),
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  app.get('/api/health', async (_request, reply) => {
    const report = await healthReport();
    return reply
      .code(report.status === 'down' ? 503 : 200)
      .header('cache-control', 'no-store')
      .send(report);
  });

  app.get('/api/metrics', async (_request, reply) => {
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });

  // Only for `npm run bench -- http`: the same bytes the Next route handler and the
  // bare Node server return.
  app.get('/api/bench/json', (_request, reply) => {
    void reply.header('content-type', 'application/json').send(BENCH_BODY);
  });

  await app.register(registerV1);
  await app.register(registerFirCopyRoute);

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send(errorEnvelope('NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}`, request.id));
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type) keep their status and say why.
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      return reply.code(status).send(errorEnvelope(code, err.message, request.id));
    }
    logger.error({ err, requestId: request.id, url: request.url }, 'api request failed');
    return reply.code(500).send(errorEnvelope('INTERNAL', '', request.id));
  });

  await app.ready();
  return { app, server: app.server };
}
