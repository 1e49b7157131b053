// Server components call procedures directly (no HTTP) through this proxy, and
// prefetch into a per-request QueryClient that <HydrateClient> hands to the browser.
import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cookies, headers } from 'next/headers';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '@/components/trpc/query-client';
import { appRouter, createTrpcContext } from '@/server/api';

export const getQueryClient = cache(makeQueryClient);

// One context per request: the layout's session check and every prefetch share it,
// instead of each reading the session from the database again.
const getContext = cache(async () =>
  createTrpcContext({
    requestId: (await headers()).get('x-request-id') ?? undefined,
    transport: { kind: 'server', cookieHeader: (await cookies()).toString() },
  }),
);

export const trpc = createTRPCOptionsProxy({ router: appRouter, queryClient: getQueryClient, ctx: getContext });

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** The signed-in actor for a server component, or null. */
export const getSession = async () => (await getContext()).session;
