// The FIR's PDF copy for officers: ask for it (ready, or a job is started), then
// follow the job until the copy can be downloaded (GET /api/firs/:id/copies/…).
import { firCopyStatus, requestFirCopy, ZFirCopyStatusInput } from '../../jobs';
import { ZFirId } from '../../fir';
import { createTRPCRouter, officerProcedure } from '../trpc';

export const firCopyRouter = createTRPCRouter({
  request: officerProcedure.input(ZFirId).mutation(({ ctx, input }) => requestFirCopy(ctx.db, ctx.actor, input.id)),
  status: officerProcedure.input(ZFirCopyStatusInput).query(({ ctx, input }) => firCopyStatus(ctx.db, ctx.actor, input)),
});
