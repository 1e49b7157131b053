import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { firRouter } from './routers/fir';
import { firCopyRouter } from './routers/fir-copy';
import { monitorRouter } from './routers/monitor';
import { opsRouter } from './routers/ops';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  fir: firRouter,
  firCopy: firCopyRouter,
  admin: adminRouter,
  ops: opsRouter,
  monitor: monitorRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: server components and tests use this. */
export const createCaller = createCallerFactory(appRouter);
