import type { Metadata } from 'next';
import { Alerts } from '@/components/ops/alerts';
import { OpsPageHead } from '@/components/ops/ops-page-head';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { requireAdmin } from '../../_lib/ops';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

export default async function AlertsPage() {
  if (!(await requireAdmin('/ops/alerts'))) return null;
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.monitor.alerts.rules.queryOptions()), qc.prefetchQuery(trpc.monitor.alerts.events.queryOptions({ limit: 50 }))]);
  return (
    <HydrateClient>
      <OpsPageHead title="Alerts">
        Threshold rules on the metrics every process exports. The worker evaluates them every few seconds; when one fires or resolves, the event is stored here
        and posted to the alert webhook if one is configured. Changes to rules are audit-logged.
      </OpsPageHead>
      <Alerts />
    </HydrateClient>
  );
}
