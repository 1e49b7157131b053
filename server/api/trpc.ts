/**
 * tRPC setup, in three parts:
 * 1. Context: the database, the request id, and the signed-in session if any. The
 *    transport (HTTP via Fastify, or a server component) says how to read cookies
 *    and set them, so procedures never see a request object.
 * 2. Initialisation: superjson (dates survive the wire) and an error formatter that
 *    turns AppError into tRPC codes and hides 5xx internals.
 * 3. Procedure builders, stacked in one fixed order: error mapping → auth (with the
 *    CSRF check on mutations from the browser) → rate limit (per user; admins
 *    bypass) → role. Routers use only these.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { assertCsrf, readCookie, sessionFromToken, SESSION_COOKIE, type SessionInfo } from '../auth';
import { db, readDb, type Db } from '../data';
import { AppError, ERROR_CODES, publicMessage } from '../lib';
import { logger } from '../observability';
import { dependencyAppError, limitActor } from '../resilience';

// 1. Context
export type TrpcTransport = {
  kind: 'http' | 'server';
  cookieHeader?: string;
  csrfHeader?: string;
  /** https requests get Secure cookies */
  secure?: boolean;
  setCookies?: (cookies: string[]) => void;
};

export type TrpcContext = {
  db: Db;
  /** routed reads: a replica that has the caller's own writes, else the primary (server/data/routing) */
  readDb: Db;
  requestId: string;
  session: SessionInfo | null;
  transport: TrpcTransport;
};

export async function createTrpcContext(opts: { requestId?: string; transport?: TrpcTransport } = {}): Promise<TrpcContext> {
  const transport = opts.transport ?? { kind: 'server' };
  const token = readCookie(transport.cookieHeader, SESSION_COOKIE);
  return {
    db,
    readDb,
    requestId: opts.requestId ?? crypto.randomUUID(),
    session: token ? await sessionFromToken(db, token) : null,
    transport,
  };
}

// 2. Initialisation
const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: cause instanceof ZodError ? cause.flatten() : null,
        details: cause instanceof AppError ? (cause.details ?? null) : null,
      },
    };
  },
});

const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  // Dependency failures (a breaker's refusal) become the AppError they mean to a client.
  const cause = dependencyAppError(result.error.cause) ?? result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({
      code: ERROR_CODES[cause.code].trpc,
      message: publicMessage(cause.code, cause.message, ctx.requestId),
      cause,
    });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ err: cause ?? result.error, path, requestId: ctx.requestId }, 'trpc procedure failed');
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: publicMessage('INTERNAL', '', ctx.requestId) });
  }
  return result;
});

const authed = t.middleware(({ ctx, next, type }) => {
  if (!ctx.session) throw new AppError('UNAUTHORIZED', 'Sign in first');
  // Server components only read; a mutation over HTTP must carry the session's CSRF token.
  if (type === 'mutation' && ctx.transport.kind === 'http') assertCsrf(ctx.session, ctx.transport.csrfHeader);
  return next({ ctx: { ...ctx, session: ctx.session, actor: ctx.session.actor } });
});

// After auth, so the limit is per user; limitActor throws RATE_LIMITED (429) when refused.
const rateLimited = t.middleware(async ({ ctx, next }) => {
  if (ctx.session) await limitActor(ctx.session.actor);
  return next();
});

const adminOnly = t.middleware(({ ctx, next }) => {
  if (ctx.session?.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Admins only');
  return next();
});

// 3. Procedure builders
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anyone, signed in or not (sign-in itself). */
export const publicProcedure = t.procedure.use(errorMapping);
/** Officers and admins; the actor's station scope is applied by the services. */
export const officerProcedure = publicProcedure.use(authed).use(rateLimited);
/** Admins only. */
export const adminProcedure = officerProcedure.use(adminOnly);
