import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { Limits } from '@/components/ops/limits';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Rate limits' };
export const dynamic = 'force-dynamic';

export default async function LimitsPage() {
  if (!(await requireAdmin('/ops/limits'))) return null;
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.ops.limits.overview.queryOptions()), qc.prefetchQuery(trpc.ops.limits.overrides.list.queryOptions())]);
  return (
    <HydrateClient>
      <OpsPageHead title="Rate limits">
            Every API key and signed-in user has a sliding-window limit, and all of them together share a global one; admins are not limited. The decisions and
            consumers below are this server process&apos;s, over the last hour.
          </OpsPageHead>
      <Limits />
    </HydrateClient>
  );
}
