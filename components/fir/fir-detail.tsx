'use client';
// One FIR, laid out like the IIF-I form's parts, with its timeline and next steps.
// Every value is rendered as text (React escapes it): a narrative holding HTML or
// SQL shows exactly as typed.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { FirDetail } from '@/components/trpc/types';
import { formatDateIst, formatDateTimeIst, formatRupees } from '@/components/ui/format';
import { StatusBadge } from '@/components/ui/status-badge';
import { FirTimeline } from './fir-timeline';
import { StatusActions } from './status-actions';
import { DownloadPdf } from './download-pdf';

export function FirDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.fir.byId.queryOptions({ id }));
  if (q.isPending) return <p className="muted">Loading FIR…</p>;
  if (q.isError) {
    return (
      <div className="alert alert-error" role="alert">
        <p>Could not load this FIR: {messageOf(q.error)}</p>
        <button type="button" className="btn" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <FirDetailBody fir={q.data} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="kv">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}

function Part({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section className="detail-part" aria-labelledby={`dpart-${n}`}>
      <h2 id={`dpart-${n}`}>
        <span className="part-no">{n}.</span> {title}
      </h2>
      {children}
    </section>
  );
}

function FirDetailBody({ fir }: { fir: FirDetail }) {
  return (
    <>
      <div className="page-head detail-head">
        <div>
          <p className="eyebrow">
            {fir.station.name} ({fir.station.code}) · {fir.district}, {fir.station.state}
          </p>
          <h1>
            {fir.number ? (
              <>
                FIR No. <span data-testid="fir-number">{fir.number}</span>
              </>
            ) : (
              'Draft FIR'
            )}{' '}
            <StatusBadge status={fir.status} />
          </h1>
          <p className="muted small">
            Complainant {fir.complainantName} · reported {formatDateTimeIst(fir.reportedAt)}
          </p>
        </div>
        <div className="actions" style={{ alignItems: 'flex-start' }}>
          {fir.status !== 'draft' && <DownloadPdf firId={fir.id} />}
          <StatusActions fir={fir} />
        </div>
      </div>

      <div className="detail-grid">
        <article className="card detail" aria-label="FIR details">
          <Part n={1} title="District, station, year and number">
            <dl className="kv-grid">
              <Row label="District">{fir.district}</Row>
              <Row label="Police station">{`${fir.station.name} (${fir.station.code})`}</Row>
              <Row label="Year">{fir.number ? fir.number.split('/')[1] : null}</Row>
              <Row label="FIR No.">{fir.number ?? 'Not registered yet'}</Row>
              <Row label="Date and time of FIR">{fir.registeredAt ? formatDateTimeIst(fir.registeredAt) : null}</Row>
            </dl>
          </Part>
          <Part n={2} title="Acts and sections">
            {fir.sections.length === 0 ? (
              <p className="muted">None yet{fir.status === 'draft' ? ': add at least one before registering.' : '.'}</p>
            ) : (
              <ul className="section-list">
                {fir.sections.map((s) => (
                  <li key={`${s.act} ${s.section}`}>
                    <strong>
                      {s.act} {s.section}
                    </strong>{' '}
                    {s.title ?? ''}
                  </li>
                ))}
              </ul>
            )}
          </Part>
          <Part n={3} title="Occurrence of offence">
            <dl className="kv-grid">
              <Row label="From">{fir.occurredFrom ? formatDateTimeIst(fir.occurredFrom) : null}</Row>
              <Row label="To">{fir.occurredTo ? formatDateTimeIst(fir.occurredTo) : null}</Row>
              <Row label="Information received at the station">{formatDateTimeIst(fir.reportedAt)}</Row>
              <Row label="Type of information">{fir.informationType === 'oral' ? 'Oral' : 'Written'}</Row>
            </dl>
          </Part>
          <Part n={4} title="Place of occurrence">
            <dl className="kv-grid">
              <Row label="Direction and distance from the station">
                {[fir.placeDirection, fir.placeDistanceKm !== null ? `${fir.placeDistanceKm} km` : null].filter(Boolean).join(', ')}
              </Row>
              <Row label="Beat No.">{fir.beatNo}</Row>
            </dl>
            <dl>
              <Row label="Address">{fir.placeAddress && <span className="pre">{fir.placeAddress}</span>}</Row>
            </dl>
          </Part>
          <Part n={5} title="Complainant / informant">
            <dl className="kv-grid">
              <Row label="Name">{fir.complainantName}</Row>
              <Row label="Father's / husband's name">{fir.complainantRelativeName}</Row>
              <Row label="Date of birth">{fir.complainantDob ? formatDateIst(`${fir.complainantDob}T12:00:00+05:30`) : null}</Row>
              <Row label="Nationality">{fir.complainantNationality}</Row>
              <Row label="ID document">{[fir.complainantIdType, fir.complainantIdNumber].filter(Boolean).join(' ')}</Row>
              <Row label="Occupation">{fir.complainantOccupation}</Row>
              <Row label="Phone">{fir.complainantPhone}</Row>
              <Row label="Email">{fir.complainantEmail}</Row>
            </dl>
            <dl>
              <Row label="Address">{fir.complainantAddress && <span className="pre">{fir.complainantAddress}</span>}</Row>
            </dl>
          </Part>
          <Part n={6} title="Accused (known / suspected / unknown)">
            {fir.accused.length === 0 ? (
              <p className="muted">None recorded.</p>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Known?</th>
                    <th scope="col">Name / alias</th>
                    <th scope="col">Address</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {fir.accused.map((a, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td>{a.known ? 'Known' : 'Unknown'}</td>
                      <td>
                        {a.name ?? <span className="muted">—</span>}
                        {a.alias ? ` (alias ${a.alias})` : ''}
                      </td>
                      <td>{a.address ?? <span className="muted">—</span>}</td>
                      <td className="pre">{a.description ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Part>
          <Part n={7} title="Reasons for delay in reporting">
            {fir.delayReason ? <p className="pre">{fir.delayReason}</p> : <p className="muted">No delay recorded.</p>}
          </Part>
          <Part n={8} title="Properties stolen / involved">
            {fir.properties.length === 0 ? (
              <p className="muted">None recorded.</p>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Description</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fir.properties.map((p, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td>{p.description}</td>
                      <td className="num">{p.value === null ? 'Not known' : formatRupees(p.value)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td />
                    <th scope="row">Total value of property</th>
                    <td className="num" data-testid="properties-total">
                      <strong>{formatRupees(fir.propertiesTotal)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            )}
          </Part>
          <Part n={9} title="First information contents">
            <div className="narrative-box" data-testid="narrative">
              {fir.narrative}
            </div>
          </Part>
          <Part n={10} title="Action taken">
            <dl className="kv-grid">
              <Row label="Action taken">{fir.actionTaken && <span className="pre">{fir.actionTaken}</span>}</Row>
              <Row label="Investigating officer">
                {fir.investigatingOfficer ? `${fir.investigatingOfficer.name}${fir.investigatingOfficer.rank ? `, ${fir.investigatingOfficer.rank}` : ''}` : 'Not assigned'}
              </Row>
              <Row label="Filed by">{fir.createdBy.name}</Row>
              <Row label="Last changed">{formatDateTimeIst(fir.updatedAt)}</Row>
            </dl>
          </Part>
        </article>
        <aside className="card timeline-card" aria-labelledby="timeline-h">
          <h2 id="timeline-h">Timeline</h2>
          <FirTimeline events={fir.events} />
        </aside>
      </div>
    </>
  );
}
