// Types of what the API returns and how it fails, as the browser sees them.
import type { TRPCClientErrorLike } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type TrpcError = TRPCClientErrorLike<AppRouter>;

export type FirDetail = RouterOutputs['fir']['byId'];
export type FirListItem = RouterOutputs['fir']['list']['items'][number];
export type FirListInput = RouterInputs['fir']['list'];
export type SectionHit = RouterOutputs['fir']['searchSections'][number];
export type Station = RouterOutputs['admin']['stations'][number];
export type ApiKeySummary = RouterOutputs['admin']['apiKeys']['list'][number];
