import type { Metadata } from 'next';
import Link from 'next/link';
import { FirDetailView } from '@/components/fir/fir-detail';
import { HydrateClient } from '../../../_trpc/server';
import { loadFir } from '../../../_lib/fir';
import { requireProfile } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const fir = await loadFir(id).catch(() => null);
  return { title: fir?.number ? `FIR ${fir.number}` : 'Draft FIR' };
}

export default async function FirPage({ params }: Props) {
  const { id } = await params;
  await requireProfile(`/firs/${id}`);
  await loadFir(id); // prefetched into the page's query client; a missing FIR is a 404
  return (
    <HydrateClient>
      <p className="crumbs">
        <Link href="/">← All FIRs</Link>
      </p>
      <FirDetailView id={id} />
    </HydrateClient>
  );
}
