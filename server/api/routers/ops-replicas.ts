// The Replicas console's procedures (admins only): the overview, and the controls
// (mark a replica out of / into the read set, resync it, switch the primary over to it), audit-logged by the service.
import { markReplica, replicasOverview, resyncReplica, switchoverTo, ZReplicaActionInput } from '../../data/replicas-console';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const replicasRouter = createTRPCRouter({
  overview: adminProcedure.query(() => replicasOverview()),
  markOut: adminProcedure.input(ZReplicaActionInput).mutation(({ ctx, input }) => markReplica(ctx.db, ctx.actor, true, input)),
  markIn: adminProcedure.input(ZReplicaActionInput).mutation(({ ctx, input }) => markReplica(ctx.db, ctx.actor, false, input)),
  resync: adminProcedure.input(ZReplicaActionInput).mutation(({ ctx, input }) => resyncReplica(ctx.db, ctx.actor, input)),
  switchover: adminProcedure.input(ZReplicaActionInput).mutation(({ ctx, input }) => switchoverTo(ctx.db, ctx.actor, input)),
});
