// What the officer sees once a FIR is registered: its number, and where to go next.
import Link from 'next/link';
import type { FirDetail } from '@/components/trpc/types';

export function RegisteredPanel({ fir }: { fir: FirDetail }) {
  return (
    <div className="card success-panel" role="status" data-testid="registered">
      <p className="eyebrow">FIR registered</p>
      <p className="fir-number-big">
        FIR No. <strong data-testid="fir-number">{fir.number}</strong>
      </p>
      <p className="muted">
        {fir.station.name} ({fir.station.code}), {fir.district}. The complainant should get a free copy.
      </p>
      <div className="actions">
        <Link className="btn btn-primary" href={`/firs/${fir.id}`}>
          Open FIR {fir.number}
        </Link>
        {/* a full load: a fresh, empty wizard */}
        <a className="btn" href="/firs/new">
          File another FIR
        </a>
        <Link className="btn btn-ghost" href="/">
          Back to the list
        </Link>
      </div>
    </div>
  );
}
