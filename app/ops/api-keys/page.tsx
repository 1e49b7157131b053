import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { ApiKeys } from '@/components/ops/api-keys';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'API keys' };
export const dynamic = 'force-dynamic';

export default async function ApiKeysPage() {
  if (!(await requireAdmin('/ops/api-keys'))) return null;
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.admin.apiKeys.list.queryOptions()), qc.prefetchQuery(trpc.admin.stations.queryOptions())]);
  return (
    <HydrateClient>
      <OpsPageHead title="API keys">External systems call the public API (/api/v1) with a key. A key is shown once, when it is created.</OpsPageHead>
      <ApiKeys />
    </HydrateClient>
  );
}
