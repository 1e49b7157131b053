import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const adminRouter = createTRPCRouter({
  stations: adminProcedure.query(({ ctx }) => ctx.db.policeStation.findMany({ orderBy: { code: 'asc' } })),
  apiKeys: createTRPCRouter({
    list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db)),
    create: adminProcedure
      .input(z.object({ name: z.string().trim().min(2).max(100), stationId: z.number().int().positive().nullable() }).strict())
      .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor, input)),
    revoke: adminProcedure
      .input(z.object({ id: z.uuid() }).strict())
      .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input.id)),
  }),
});
