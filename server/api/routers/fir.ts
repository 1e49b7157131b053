import {
  createDraft,
  draftFromNarrative,
  firStats,
  getFirOrThrow,
  listFirs,
  registerFir,
  searchSections,
  transitionFir,
  updateDraft,
  ZCreateDraftInput,
  ZDraftFromNarrativeInput,
  ZFirId,
  ZListFirsInput,
  ZSearchSectionsInput,
  ZTransitionInput,
  ZUpdateDraftInput,
} from '../../fir';
import { createTRPCRouter, officerProcedure } from '../trpc';

export const firRouter = createTRPCRouter({
  list: officerProcedure.input(ZListFirsInput).query(({ ctx, input }) => listFirs(ctx.readDb, ctx.actor, input)),
  // Read through the shared cache, whose fills read the primary (docs/data-layer.md: a
  // replica's lag would otherwise be cached for every caller for the entry's TTL).
  stats: officerProcedure.query(({ ctx }) => firStats(ctx.db, ctx.actor)),
  byId: officerProcedure.input(ZFirId).query(({ ctx, input }) => getFirOrThrow(ctx.db, ctx.actor, input.id)),
  createDraft: officerProcedure.input(ZCreateDraftInput).mutation(({ ctx, input }) => createDraft(ctx.db, ctx.actor, input)),
  updateDraft: officerProcedure.input(ZUpdateDraftInput).mutation(({ ctx, input }) => updateDraft(ctx.db, ctx.actor, input)),
  register: officerProcedure.input(ZFirId).mutation(({ ctx, input }) => registerFir(ctx.db, ctx.actor, input.id)),
  transition: officerProcedure.input(ZTransitionInput).mutation(({ ctx, input }) => transitionFir(ctx.db, ctx.actor, input)),
  // Writes nothing, but runs when the officer asks for it (a button), so a mutation.
  draftFromNarrative: officerProcedure.input(ZDraftFromNarrativeInput).mutation(({ input }) => draftFromNarrative(input.narrative)),
  searchSections: officerProcedure.input(ZSearchSectionsInput).query(({ ctx, input }) => searchSections(ctx.readDb, input.q, input.limit)),
});
