import type { Metadata } from 'next';
import Link from 'next/link';
import { FirList } from '@/components/fir/fir-list';
import { getNextPageParam, initialPageParam, listInput, parseFilters } from '@/components/fir/list-filters';
import { getQueryClient, HydrateClient, trpc } from '../_trpc/server';
import { pathWithQuery, requireProfile, type SearchParams } from '../_lib/session';

export const metadata: Metadata = { title: 'FIRs' };
export const dynamic = 'force-dynamic';

export default async function FirListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const profile = await requireProfile(pathWithQuery('/', sp));
  const filters = parseFilters(sp);
  const isAdmin = profile.role === 'admin';
  const qc = getQueryClient();
  const input = listInput(filters);
  // Errors are left to the browser to show (with a retry): a prefetch failure is not dehydrated.
  await Promise.all([
    // The first page, under the key the browser's "Load more" list uses.
    qc.prefetchInfiniteQuery({
      queryKey: trpc.fir.list.infiniteQueryKey(input),
      queryFn: () => qc.fetchQuery({ ...trpc.fir.list.queryOptions(input), staleTime: 0, gcTime: 0 }),
      initialPageParam,
      getNextPageParam,
    }),
    isAdmin ? qc.prefetchQuery(trpc.admin.stations.queryOptions()) : null,
  ]);
  return (
    <HydrateClient>
      <div className="page-head">
        <div>
          <h1>{isAdmin ? 'FIRs — all stations' : `FIRs — ${profile.station?.name ?? 'my station'}`}</h1>
          <p className="muted">Newest first. Open a FIR to see its details, timeline and next steps.</p>
        </div>
        <Link href="/firs/new" className="btn btn-primary">
          + New FIR
        </Link>
      </div>
      <FirList filters={filters} isAdmin={isAdmin} />
    </HydrateClient>
  );
}
