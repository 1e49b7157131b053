'use client';
// The browser's tRPC client and React Query provider. Requests go to the API fast
// path (/api/trpc), batched. Every request carries the session's CSRF token (read
// from the afg_csrf cookie) in x-csrf-token: the server requires it on mutations.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api';
import { makeQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

// Names as in server/auth/sessions.ts (not imported: that module is server code).
const CSRF_COOKIE = 'afg_csrf';
const CSRF_HEADER = 'x-csrf-token';

function readCsrfCookie(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  // On the server every render gets a new client; in the browser one lives for the page.
  if (typeof window === 'undefined') return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TrpcReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: '/api/trpc',
          transformer: superjson,
          // Read on every request: signing in or out changes the cookie without a reload.
          headers: () => {
            const token = readCsrfCookie();
            return token ? { [CSRF_HEADER]: token } : {};
          },
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
