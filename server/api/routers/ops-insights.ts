// The ops console's Queries, Indexes and Migrations procedures (admins only; 'apply' is
// reserved by tRPC, hence applySuggestion and migrate). Each is
// one service call into server/insights; the controls (apply an index, apply or roll
// back a migration) are audit-logged there.
import {
  applyIndex,
  applyMigration,
  indexHealth,
  lastAdvice,
  migrationDryRun,
  migrationsOverview,
  queriesOverview,
  rollbackMigration,
  runAdvisor,
  slowPlan,
  ZApplyIndexInput,
  ZMigrationActionInput,
  ZMigrationNameInput,
  ZSlowPlanInput,
  ZTopStatementsInput,
} from '../../insights';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const opsQueriesRouter = createTRPCRouter({
  overview: adminProcedure.input(ZTopStatementsInput).query(({ input }) => queriesOverview(input)),
  plan: adminProcedure.input(ZSlowPlanInput).query(({ input }) => slowPlan(input)),
});

export const opsIndexesRouter = createTRPCRouter({
  advice: adminProcedure.query(() => lastAdvice()),
  health: adminProcedure.query(() => indexHealth()),
  analyse: adminProcedure.mutation(() => runAdvisor()),
  applySuggestion: adminProcedure.input(ZApplyIndexInput).mutation(({ ctx, input }) => applyIndex(ctx.db, ctx.actor, input)),
});

export const opsMigrationsRouter = createTRPCRouter({
  list: adminProcedure.query(() => migrationsOverview()),
  dryRun: adminProcedure.input(ZMigrationNameInput).query(({ input }) => migrationDryRun(input)),
  migrate: adminProcedure.input(ZMigrationActionInput).mutation(({ ctx, input }) => applyMigration(ctx.db, ctx.actor, input)),
  rollback: adminProcedure.input(ZMigrationActionInput).mutation(({ ctx, input }) => rollbackMigration(ctx.db, ctx.actor, input)),
});
