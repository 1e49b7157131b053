import type { Metadata } from 'next';
import { NewFirWizard } from '@/components/fir/new-fir-wizard';
import { trpc, getQueryClient } from '../../../_trpc/server';
import { requireProfile } from '../../../_lib/session';

export const metadata: Metadata = { title: 'New FIR' };
export const dynamic = 'force-dynamic';

export default async function NewFirPage() {
  const profile = await requireProfile('/firs/new');
  const isAdmin = profile.role === 'admin';
  const stations = isAdmin ? await getQueryClient().fetchQuery(trpc.admin.stations.queryOptions()) : [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>New FIR</h1>
          <p className="muted">
            {isAdmin ? 'Filing as an administrator: choose the station in the form.' : `Filing at ${profile.station?.name ?? 'your station'} (${profile.station?.code ?? '—'}).`}
          </p>
        </div>
      </div>
      <NewFirWizard isAdmin={isAdmin} me={{ id: profile.userId, name: profile.name }} stations={stations} />
    </>
  );
}
