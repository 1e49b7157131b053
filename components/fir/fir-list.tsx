'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';

const dateFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' });

export function FirList() {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.fir.list.queryOptions({ limit: 20 }));

  if (isPending) return <p className="muted">Loading…</p>;
  if (error) return <p className="error">Could not load FIRs: {error.message}</p>;
  if (data.length === 0) return <p className="muted">No FIRs yet. File the first one.</p>;

  return (
    <table className="table" data-testid="fir-list">
      <thead>
        <tr>
          <th>Complainant</th>
          <th>Narrative</th>
          <th>Status</th>
          <th>Filed</th>
        </tr>
      </thead>
      <tbody>
        {data.map((fir) => (
          <tr key={fir.id}>
            <td>{fir.complainantName}</td>
            <td className="narrative">{fir.narrative}</td>
            <td>
              <span className={`badge badge-${fir.status}`}>{fir.status.replace('_', ' ')}</span>
            </td>
            <td className="nowrap">{dateFormat.format(fir.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
