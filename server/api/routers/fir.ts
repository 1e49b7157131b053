import {
  createDraft,
  draftFromNarrative,
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
  byId: officerProcedure.input(ZFirId).query(({ ctx, input }) => getFirOrThrow(ctx.readDb, ctx.actor, input.id)),
  createDraft: officerProcedure.input(ZCreateDraftInput).mutation(({ ctx, input }) => createDraft(ctx.db, ctx.actor, input)),
  updateDraft: officerProcedure.input(ZUpdateDraftInput).mutation(({ ctx, input }) => updateDraft(ctx.db, ctx.actor, input)),
  register: officerProcedure.input(ZFirId).mutation(({ ctx, input }) => registerFir(ctx.db, ctx.actor, input.id)),
  transition: officerProcedure.input(ZTransitionInput).mutation(({ ctx, input }) => transitionFir(ctx.db, ctx.actor, input)),
  // Writes nothing, but runs when the officer asks for it (a button), so a mutation.
  draftFromNarrative: officerProcedure.input(ZDraftFromNarrativeInput).mutation(({ input }) => draftFromNarrative(input.narrative)),
  searchSections: officerProcedure.input(ZSearchSectionsInput).query(({ ctx, input }) => searchSections(ctx.readDb, input.q, input.limit)),
});
