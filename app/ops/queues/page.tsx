import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { Queues } from '@/components/ops/queues';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Queues' };
export const dynamic = 'force-dynamic';

export default async function QueuesPage() {
  if (!(await requireAdmin('/ops/queues'))) return null;
  const qc = getQueryClient();
  await Promise.all([
    qc.prefetchQuery(trpc.ops.queues.overview.queryOptions()),
    qc.prefetchQuery(trpc.ops.queues.jobs.queryOptions({ state: 'failed' })),
    qc.prefetchQuery(trpc.ops.queues.outbox.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <OpsPageHead title="Queues">
        Background jobs run by the worker process (<code>npm run worker</code>): FIR PDF copies, notifications, rollups and maintenance. Counts are live from Redis;
        failed jobs are retried 3 times with growing delays before they show here.
      </OpsPageHead>
      <Queues />
    </HydrateClient>
  );
}
