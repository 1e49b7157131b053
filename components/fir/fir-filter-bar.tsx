'use client';
// The list's filters. Applying them changes the URL, so a filtered list can be
// shared or reloaded; selects and dates apply at once, text on Enter / "Search".
import { useEffect, useState, type FormEvent } from 'react';
import { FIR_STATUSES, type TFirStatus } from '@/server/fir/schemas';
import { STATUS_LABEL } from '@/components/ui/status-badge';
import type { Station } from '@/components/trpc/types';
import { hasFilters, type FirFilters } from './list-filters';

export function FirFilterBar({
  filters,
  stations,
  onApply,
  pending,
}: {
  filters: FirFilters;
  /** admins only: the station filter */
  stations: Station[] | null;
  onApply: (f: FirFilters) => void;
  pending: boolean;
}) {
  const [q, setQ] = useState(filters.q ?? '');
  const [section, setSection] = useState(filters.section ?? '');
  // The URL is the source of truth: back/forward or a link updates the boxes.
  useEffect(() => {
    setQ(filters.q ?? '');
    setSection(filters.section ?? '');
  }, [filters.q, filters.section]);

  const apply = (patch: Partial<FirFilters>) => {
    const next: FirFilters = { ...filters, q: q.trim() || undefined, section: section.trim() || undefined, ...patch };
    for (const k of Object.keys(next) as (keyof FirFilters)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    onApply(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };

  return (
    <form className="filters" onSubmit={onSubmit} role="search" aria-label="Filter FIRs">
      <div className="field field-grow">
        <label htmlFor="f-q">Search</label>
        <input
          id="f-q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Words, a name, or a FIR No. like 0078/2026"
          maxLength={200}
        />
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={filters.status ?? ''} onChange={(e) => apply({ status: (e.target.value || undefined) as TFirStatus | undefined })}>
          <option value="">Any status</option>
          {FIR_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-narrow">
        <label htmlFor="f-section">Section</label>
        <input id="f-section" value={section} onChange={(e) => setSection(e.target.value)} placeholder="e.g. 303(2)" maxLength={20} />
      </div>
      <div className="field">
        <label htmlFor="f-from">Reported from</label>
        <input id="f-from" type="date" value={filters.from ?? ''} max={filters.to} onChange={(e) => apply({ from: e.target.value || undefined })} />
      </div>
      <div className="field">
        <label htmlFor="f-to">to</label>
        <input id="f-to" type="date" value={filters.to ?? ''} min={filters.from} onChange={(e) => apply({ to: e.target.value || undefined })} />
      </div>
      {stations && (
        <div className="field">
          <label htmlFor="f-station">Station</label>
          <select
            id="f-station"
            value={filters.stationId ?? ''}
            onChange={(e) => apply({ stationId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">All stations</option>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Searching…' : 'Search'}
        </button>
        {hasFilters(filters) && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setQ('');
              setSection('');
              onApply({});
            }}
          >
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
