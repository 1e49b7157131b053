import type { Metadata } from 'next';
import Link from 'next/link';
import { FirEditForm } from '@/components/fir/fir-edit-form';
import { StatusBadge } from '@/components/ui/status-badge';
import { loadFir } from '../../../../_lib/fir';
import { requireProfile } from '../../../../_lib/session';

export const metadata: Metadata = { title: 'Edit draft FIR' };
export const dynamic = 'force-dynamic';

export default async function EditFirPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const profile = await requireProfile(`/firs/${id}/edit`);
  const fir = await loadFir(id);
  return (
    <>
      <p className="crumbs">
        <Link href={`/firs/${id}`}>← Back to the FIR</Link>
      </p>
      {!fir ? (
        <p className="alert alert-error" role="alert">
          Could not load this FIR. Reload the page to try again.
        </p>
      ) : fir.status !== 'draft' ? (
        <div className="card">
          <h1>
            FIR No. {fir.number} <StatusBadge status={fir.status} />
          </h1>
          <p>Only drafts can be edited. A registered FIR is the record of what was reported; its later changes are status changes on the FIR page.</p>
        </div>
      ) : (
        <>
          <div className="page-head">
            <div>
              <h1>Edit draft FIR</h1>
              <p className="muted">
                Complainant {fir.complainantName} · {fir.station.name} ({fir.station.code})
              </p>
            </div>
          </div>
          <FirEditForm fir={fir} isAdmin={profile.role === 'admin'} me={{ id: profile.userId, name: profile.name }} />
        </>
      )}
    </>
  );
}
