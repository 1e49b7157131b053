import type { Metadata } from 'next';
import Link from 'next/link';
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
      <p className="crumbs">
        <Link href="/ops">← Ops console</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>Rate limits</h1>
          <p className="muted">
            Every API key and signed-in user has a sliding-window limit, and all of them together share a global one; admins are not limited. The decisions and
            consumers below are this server process&apos;s, over the last hour.
          </p>
        </div>
      </div>
      <Limits />
    </HydrateClient>
  );
}
