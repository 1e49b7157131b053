import type { Metadata } from 'next';
import Link from 'next/link';
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
      <p className="crumbs">
        <Link href="/ops">← Ops console</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>API keys</h1>
          <p className="muted">External systems call the public API (/api/v1) with a key. A key is shown once, when it is created.</p>
        </div>
      </div>
      <ApiKeys />
    </HydrateClient>
  );
}
