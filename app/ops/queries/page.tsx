import type { Metadata } from 'next';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { Queries } from '@/components/ops/queries';
import { HydrateClient } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Queries' };
export const dynamic = 'force-dynamic';

// No prefetch: the overview reads pg_stat_statements on every node, which the browser
// can wait for behind a loading line rather than holding the whole page.
export default async function QueriesPage() {
  if (!(await requireAdmin('/ops/queries'))) return null;
  return (
    <HydrateClient>
      <OpsPageHead title="Queries">
        Every SQL statement this server sends is fingerprinted (constants normalised), timed and counted per database node, and merged with pg_stat_statements.
        Statements over the slow threshold are logged with their plan; repeated statements within one request are reported as N+1 patterns.
      </OpsPageHead>
      <Queries />
    </HydrateClient>
  );
}
