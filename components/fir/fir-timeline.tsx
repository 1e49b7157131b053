// A FIR's audit trail, oldest first: who did what, when, and what changed.
import type { FirDetail } from '@/components/trpc/types';
import { formatDateTimeIst } from '@/components/ui/format';
import { STATUS_LABEL } from '@/components/ui/status-badge';
import type { TFirStatus } from '@/server/fir/schemas';

type Event = FirDetail['events'][number];

const FIELD_LABEL: Record<string, string> = {
  occurredFrom: 'Occurred from',
  occurredTo: 'Occurred to',
  placeAddress: 'Place',
  placeDistanceKm: 'Distance (km)',
  placeDirection: 'Direction',
  beatNo: 'Beat No.',
  informationType: 'Type of information',
  complainantName: 'Complainant',
  complainantRelativeName: "Father's/husband's name",
  complainantDob: 'Date of birth',
  complainantNationality: 'Nationality',
  complainantIdType: 'ID document',
  complainantIdNumber: 'ID number',
  complainantOccupation: 'Occupation',
  complainantAddress: 'Complainant address',
  complainantPhone: 'Phone',
  complainantEmail: 'Email',
  accused: 'Accused',
  properties: 'Properties',
  propertiesTotal: 'Property total',
  delayReason: 'Reason for delay',
  narrative: 'Narrative',
  actionTaken: 'Action taken',
  investigatingOfficerId: 'Investigating officer',
  sections: 'Sections',
  number: 'FIR No.',
  note: 'Note',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) {
    if (v.length === 0) return '(none)';
    if (v.every((x) => typeof x === 'string')) return v.join(', ');
    return `${v.length} item${v.length === 1 ? '' : 's'}`;
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTimeIst(v);
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

const statusLabel = (s: string | null) => (s ? (STATUS_LABEL[s as TFirStatus] ?? s) : '');

function headline(e: Event): string {
  switch (e.action) {
    case 'created':
      return 'Created as a draft';
    case 'updated':
      return 'Draft edited';
    case 'registered':
      return `Registered${e.changes.number ? ` as FIR No. ${String(e.changes.number.to)}` : ''}`;
    case 'status_changed':
      return `Status changed: ${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}`;
    default:
      return e.action.replace(/_/g, ' ');
  }
}

export function FirTimeline({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="muted">No events recorded.</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e, i) => {
        const changes = Object.entries(e.changes ?? {}).filter(([k]) => !(e.action === 'registered' && k === 'number'));
        return (
          <li key={i} className={`tl-item tl-${e.action}`}>
            <div className="tl-head">
              <strong>{headline(e)}</strong>
            </div>
            <div className="tl-meta muted small">
              {e.actor} · <time dateTime={new Date(e.at).toISOString()}>{formatDateTimeIst(e.at)}</time>
            </div>
            {changes.length > 0 && (
              <ul className="tl-changes small">
                {changes.map(([field, c]) =>
                  field === 'note' ? (
                    <li key={field} className="tl-note">
                      Note: {String(c.to)}
                    </li>
                  ) : (
                    <li key={field}>
                      <span className="tl-field">{FIELD_LABEL[field] ?? field}:</span> <span className="muted">{show(c.from)}</span> →{' '}
                      <span>{show(c.to)}</span>
                    </li>
                  ),
                )}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
