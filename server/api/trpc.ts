/**
 * tRPC setup, in three parts:
 * 1. Context: what every procedure can use (the database, the request id).
 * 2. Initialisation: superjson (dates survive the wire) and the error formatter that
 *    turns AppError into tRPC codes and hides 5xx internals.
 * 3. Procedure builders: the only ones routers may use. Auth and scope builders
 *    stack on `publicProcedure` in a fixed order when accounts arrive.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { db, type Db } from '../data';
import { AppError, ERROR_CODES, publicMessage } from '../lib';
import { logger } from '../observability';

// 1. Context
export type TrpcContext = { db: Db; requestId: string };

export function createTrpcContext(opts: { requestId?: string } = {}): TrpcContext {
  return { db, requestId: opts.requestId ?? crypto.randomUUID() };
}

// 2. Initialisation
const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: error.cause instanceof ZodError ? error.cause.flatten() : null,
      },
    };
  },
});

// Error mapping: AppError → TRPCError with the table's code; unknown errors are
// logged with the request id and replaced by a generic message.
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const err = result.error;
  const cause = err.cause;
  if (cause instanceof AppError) {
    const code = ERROR_CODES[cause.code].trpc;
    throw new TRPCError({ code, message: publicMessage(cause.code, cause.message, ctx.requestId), cause });
  }
  if (err.code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ err: cause ?? err, path, requestId: ctx.requestId }, 'trpc procedure failed');
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: publicMessage('INTERNAL', '', ctx.requestId) });
  }
  return result;
});

// 3. Procedure builders
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);
