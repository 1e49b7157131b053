import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { CacheConsole } from '@/components/ops/cache';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Cache' };
export const dynamic = 'force-dynamic';

export default async function CachePage() {
  if (!(await requireAdmin('/ops/cache'))) return null;
  const qc = getQueryClient();
  await qc.prefetchQuery(trpc.ops.cache.overview.queryOptions());
  return (
    <HydrateClient>
      <OpsPageHead title="Cache">
        FIRs, sessions, knowledge-base searches, section checks and counts are read through a two-level cache: this process&apos;s memory (L1), then Redis (L2), then the
        database. Every FIR write updates or invalidates what it touches on every instance. The figures below are this server process&apos;s.
      </OpsPageHead>
      <CacheConsole />
    </HydrateClient>
  );
}
