// The ops console's procedures (admins only): circuit breakers (list, isolate, reset)
// rate limits (policy, decisions over time, top consumers, per-identity overrides) and
// the cache (hit rates, top keys, invalidate, warm).
// The controls are audit-logged by their services in server/resilience.
import {
  breakerRegistry,
  controlBreaker,
  envPolicy,
  limitStats,
  listLimitOverrides,
  overrideLimit,
  ZBreakerActionInput,
  ZSetLimitOverrideInput,
} from '../../resilience';
import {
  cacheOverview,
  invalidateFromConsole,
  previewInvalidation,
  warmFromConsole,
  ZInvalidateInput,
  ZInvalidationTarget,
  ZWarmInput,
} from '../../cache/console';
import { adminProcedure, createTRPCRouter } from '../trpc';
import { replicasRouter } from './ops-replicas';
import { opsIndexesRouter, opsMigrationsRouter, opsQueriesRouter } from './ops-insights';
import { queuesRouter } from './ops-queues';

const TOP_CONSUMERS = 20; // one screen of the console's table

export const opsRouter = createTRPCRouter({
  queues: queuesRouter,
  replicas: replicasRouter, // server/data/replicas-console
  breakers: createTRPCRouter({
    list: adminProcedure.query(() => breakerRegistry.list()),
    isolate: adminProcedure.input(ZBreakerActionInput).mutation(({ ctx, input }) => controlBreaker(ctx.db, ctx.actor, 'isolate', input)),
    reset: adminProcedure.input(ZBreakerActionInput).mutation(({ ctx, input }) => controlBreaker(ctx.db, ctx.actor, 'reset', input)),
  }),
  limits: createTRPCRouter({
    overview: adminProcedure.query(() => ({ policy: envPolicy(), points: limitStats.points(), top: limitStats.top(TOP_CONSUMERS) })),
    overrides: createTRPCRouter({
      list: adminProcedure.query(() => listLimitOverrides()),
      set: adminProcedure.input(ZSetLimitOverrideInput).mutation(({ ctx, input }) => overrideLimit(ctx.db, ctx.actor, input)),
    }),
  }),
  queries: opsQueriesRouter,
  indexes: opsIndexesRouter,
  migrations: opsMigrationsRouter,
  cache: createTRPCRouter({
    overview: adminProcedure.query(() => cacheOverview()),
    // A query: it changes nothing, and the console asks it before confirming.
    preview: adminProcedure.input(ZInvalidationTarget).query(({ input }) => previewInvalidation(input)),
    invalidate: adminProcedure.input(ZInvalidateInput).mutation(({ ctx, input }) => invalidateFromConsole(ctx.db, ctx.actor, input)),
    warm: adminProcedure.input(ZWarmInput).mutation(({ ctx, input }) => warmFromConsole(ctx.db, ctx.actor, input)),
  }),
});
