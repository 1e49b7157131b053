import type { Metadata } from 'next';
import { Indexes } from '@/components/ops/indexes';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Indexes' };
export const dynamic = 'force-dynamic';

export default async function IndexesPage() {
  if (!(await requireAdmin('/ops/indexes'))) return null;
  await getQueryClient().prefetchQuery(trpc.ops.indexes.advice.queryOptions());
  return (
    <HydrateClient>
      <OpsPageHead title="Indexes">
        Index advice from the statements this server has run, tried on hypothetical indexes first; applying one builds it concurrently through the migration
        runner, reversibly. Below, the indexes that are never used or duplicate another.
      </OpsPageHead>
      <Indexes />
    </HydrateClient>
  );
}
