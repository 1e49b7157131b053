import { createFir, listFirs, ZCreateFirInput, ZListFirsInput } from '../../fir';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const firRouter = createTRPCRouter({
  list: publicProcedure.input(ZListFirsInput).query(({ ctx, input }) => listFirs(ctx.db, input)),
  create: publicProcedure.input(ZCreateFirInput).mutation(({ ctx, input }) => createFir(ctx.db, input)),
});
