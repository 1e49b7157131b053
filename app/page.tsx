import { FirList } from '@/components/fir/fir-list';
import { NewFirForm } from '@/components/fir/new-fir-form';
import { HydrateClient, trpc, getQueryClient } from './_trpc/server';

// The list reflects the database on every request.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await getQueryClient().prefetchQuery(trpc.fir.list.queryOptions({ limit: 20 }));
  return (
    <HydrateClient>
      <div className="grid">
        <section className="card">
          <h1>New FIR</h1>
          <NewFirForm />
        </section>
        <section className="card">
          <h2>Latest FIRs</h2>
          <FirList />
        </section>
      </div>
    </HydrateClient>
  );
}
