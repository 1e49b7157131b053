import type { Metadata } from 'next';
import { Migrations } from '@/components/ops/migrations';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Migrations' };
export const dynamic = 'force-dynamic';

export default async function MigrationsPage() {
  if (!(await requireAdmin('/ops/migrations'))) return null;
  await getQueryClient().prefetchQuery(trpc.ops.migrations.list.queryOptions());
  return (
    <HydrateClient>
      <OpsPageHead title="Migrations">
        The schema&apos;s history: migration files and the online migrations the index advisor writes, applied by one runner with checksums and a lock. Read the
        SQL before you apply or roll back; both are audit-logged.
      </OpsPageHead>
      <Migrations />
    </HydrateClient>
  );
}
