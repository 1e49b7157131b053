import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { Replicas } from '@/components/ops/replicas';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Replicas' };
export const dynamic = 'force-dynamic';

export default async function ReplicasPage() {
  if (!(await requireAdmin('/ops/replicas'))) return null;
  await getQueryClient().prefetchQuery(trpc.ops.replicas.overview.queryOptions());
  return (
    <HydrateClient>
      <OpsPageHead title="Replicas">
        Reads go to replicas in the read set, weighted by their latency, load and CPU; a replica lagging more than the limit leaves the set and returns once well under it.
        A caller that just wrote reads only from nodes that have replayed its write, else from the primary. This is this server process&apos;s view.
      </OpsPageHead>
      <Replicas />
    </HydrateClient>
  );
}
