import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { Breakers } from '@/components/ops/breakers';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Circuit breakers' };
export const dynamic = 'force-dynamic';

export default async function BreakersPage() {
  if (!(await requireAdmin('/ops/breakers'))) return null;
  await getQueryClient().prefetchQuery(trpc.ops.breakers.list.queryOptions());
  return (
    <HydrateClient>
      <OpsPageHead title="Circuit breakers">
            Each dependency we call has a breaker: after repeated failures it opens and calls fail fast (callers fall back) instead of waiting on a broken service; after
            30 s one probe call tests whether it has recovered. Isolate holds a breaker open until it is reset. This is this server process&apos;s view.
          </OpsPageHead>
      <Breakers />
    </HydrateClient>
  );
}
