'use client';
// The drafter (fir.draftFromNarrative, a mutation: it reads a complaint and returns
// facts and ranked sections; nothing is stored) behind one small hook.
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import type { FirDraft } from '@/server/fir/drafting/types';
import { useTRPC } from '@/components/trpc/client';
import type { TrpcError } from '@/components/trpc/types';

export function useDraftFromNarrative(): UseMutationResult<FirDraft, TrpcError, { narrative: string }> {
  const trpc = useTRPC();
  return useMutation(trpc.fir.draftFromNarrative.mutationOptions());
}
