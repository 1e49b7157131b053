'use client';
// "My station's FIRs" (admins: every station): filters in the URL, a table, and
// cursor pagination ("Load more" appends the next page).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useTRPC, useTRPCClient } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { FirListItem } from '@/components/trpc/types';
import { formatDateTimeIst } from '@/components/ui/format';
import { StatusBadge } from '@/components/ui/status-badge';
import { FirFilterBar } from './fir-filter-bar';
import { filtersToQuery, getNextPageParam, hasFilters, initialPageParam, listInput, type FirFilters } from './list-filters';

export function FirList({ filters, isAdmin }: { filters: FirFilters; isAdmin: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const stations = useQuery({ ...trpc.admin.stations.queryOptions(), enabled: isAdmin, staleTime: 10 * 60_000 });
  const client = useTRPCClient();
  const input = listInput(filters);
  const list = useInfiniteQuery({
    queryKey: trpc.fir.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.fir.list.query({ ...input, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam,
    getNextPageParam,
  });

  const apply = (next: FirFilters) => {
    const qs = filtersToQuery(next);
    startNavigation(() => router.push(qs ? `/?${qs}` : '/'));
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const stationName = (id: number, code: string) => stations.data?.find((s) => s.id === id)?.name ?? code;

  return (
    <>
      <FirFilterBar filters={filters} stations={isAdmin ? (stations.data ?? []) : null} onApply={apply} pending={navigating} />
      <div className={`results${navigating || (list.isFetching && !list.isFetchingNextPage) ? ' results-busy' : ''}`} aria-busy={navigating || list.isFetching}>
        {list.isPending ? (
          <p className="muted pad">Loading FIRs…</p>
        ) : !list.data ? (
          <div className="alert alert-error" role="alert">
            <p>
              <strong>Could not load FIRs.</strong> {messageOf(list.error)}
            </p>
            <div className="actions">
              <button type="button" className="btn" onClick={() => void list.refetch()}>
                Try again
              </button>
              {hasFilters(filters) && (
                <button type="button" className="btn btn-ghost" onClick={() => apply({})}>
                  Clear filters
                </button>
              )}
            </div>
          </div>
        ) : items.length === 0 ? (
          <div className="empty">
            {hasFilters(filters) ? (
              <>
                <p>
                  <strong>No FIRs match these filters.</strong>
                </p>
                <p className="muted">Try fewer words, another status or a wider date range.</p>
                <button type="button" className="btn" onClick={() => apply({})}>
                  Clear filters
                </button>
              </>
            ) : (
              <>
                <p>
                  <strong>No FIRs yet.</strong>
                </p>
                <p className="muted">When a complaint comes in, start with its narrative and the drafter fills in the rest.</p>
                <Link className="btn btn-primary" href="/firs/new">
                  File a new FIR
                </Link>
              </>
            )}
          </div>
        ) : (
          <>
            <table className="table fir-table" data-testid="fir-list">
              <thead>
                <tr>
                  <th scope="col">FIR No.</th>
                  <th scope="col">Status</th>
                  <th scope="col">Complainant</th>
                  <th scope="col">What happened</th>
                  <th scope="col">Sections</th>
                  <th scope="col">Reported</th>
                  {isAdmin && <th scope="col">Station</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((fir) => (
                  <FirRow key={fir.id} fir={fir} station={isAdmin ? stationName(fir.stationId, fir.stationCode) : null} />
                ))}
              </tbody>
            </table>
            <div className="list-footer">
              <span className="muted">
                Showing {items.length} FIR{items.length === 1 ? '' : 's'}
                {list.hasNextPage ? '' : ' (all)'}
              </span>
              {list.hasNextPage && (
                <button type="button" className="btn" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
              {list.isError && (
                <span className="field-error" role="alert">
                  Could not load {list.isFetchNextPageError ? 'more' : 'the latest'}: {messageOf(list.error)}
                </span>
              )}
            </div>
          </>
        )}
      </div>
    </>
  );
}

function FirRow({ fir, station }: { fir: FirListItem; station: string | null }) {
  const router = useRouter();
  const href = `/firs/${fir.id}`;
  return (
    // The number is the link (keyboard, screen readers); a click anywhere on the row opens it too.
    <tr className="row-link" onClick={(e) => !(e.target as HTMLElement).closest('a') && router.push(href)}>
      <td className="nowrap">
        <Link href={href} className={fir.number ? 'fir-no' : 'fir-no fir-no-draft'}>
          {fir.number ?? 'Draft'}
        </Link>
      </td>
      <td>
        <StatusBadge status={fir.status} />
      </td>
      <td className="cell-name">{fir.complainantName}</td>
      <td className="cell-excerpt">
        <span className="clamp-2">{fir.narrativeExcerpt}</span>
      </td>
      <td className="cell-sections">
        {fir.sections.length ? fir.sections.map((s) => <span key={s} className="chip chip-sm">{s.replace(/^BNS /, '')}</span>) : <span className="muted">—</span>}
      </td>
      <td className="nowrap">{formatDateTimeIst(fir.reportedAt)}</td>
      {station !== null && <td className="nowrap">{station}</td>}
    </tr>
  );
}
