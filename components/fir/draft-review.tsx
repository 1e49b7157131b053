'use client';
// Step 2 of a new FIR: what the drafter found (chips; hovering or focusing one marks
// it in the narrative), its ranked section suggestions, and a search for any other.
import { useState } from 'react';
import type { DraftRefinement, FirDraft, Found, SectionSuggestion } from '@/server/fir/drafting/types';
import { formatDateIst, formatDateTimeIst, formatRupees } from '@/components/ui/format';
import type { SectionChoice } from './form-values';
import { NarrativeHighlight, type Span } from './narrative-highlight';
import { SectionPicker } from './section-picker';

type Fact = { id: string; kind: string; label: string; value: string; span: Span | null };

function located<T>(kind: string, label: string, items: Found<T>[], show: (v: T) => string): Fact[] {
  return items.map((f, i) => {
    const id = `${kind}-${i}`;
    return { id, kind, label, value: show(f.value), span: { id, start: f.start, end: f.end, kind } };
  });
}

function factsOf(d: FirDraft): Fact[] {
  const facts: Fact[] = [];
  const occ = (key: 'from' | 'to', f: Found<string> | null) =>
    f ? [{ id: `occ-${key}`, kind: 'when', label: key === 'from' ? 'Occurred from' : 'Occurred to', value: formatDateTimeIst(f.value), span: { id: `occ-${key}`, start: f.start, end: f.end, kind: 'when' } }] : [];
  facts.push(...occ('from', d.occurredFrom), ...occ('to', d.occurredTo));
  facts.push(...located('date', 'Date', d.dates, (v) => formatDateIst(`${v}T12:00:00+05:30`)));
  facts.push(...located('time', 'Time', d.times, (v) => v));
  facts.push(...located('place', 'Place', d.places, (v) => v));
  facts.push(...located('name', 'Person', d.names, (v) => v));
  facts.push(...located('phone', 'Phone', d.phones, (v) => v));
  facts.push(...located('amount', 'Amount', d.amounts, (v) => formatRupees(v)));
  d.properties.forEach((p, i) => {
    const start = d.narrative.indexOf(p.text);
    const id = `property-${i}`;
    facts.push({
      id,
      kind: 'property',
      label: 'Property',
      value: `${p.description}${p.value !== null ? ` (${formatRupees(p.value)})` : ''}`,
      span: start >= 0 && p.text ? { id, start, end: start + p.text.length, kind: 'property' } : null,
    });
  });
  d.accused.forEach((a, i) =>
    facts.push({ id: `accused-${i}`, kind: 'accused', label: a.known ? 'Accused (known)' : 'Accused (unknown)', value: a.name ?? a.description ?? 'Unknown person', span: null }),
  );
  return facts;
}

export function DraftReview({
  draft,
  sections,
  onSectionsChange,
}: {
  draft: FirDraft;
  sections: SectionChoice[];
  onSectionsChange: (next: SectionChoice[]) => void;
}) {
  const [active, setActive] = useState<string | null>(null);
  const facts = factsOf(draft);
  const spans = facts.flatMap((f) => (f.span ? [f.span] : []));
  const isAdded = (s: SectionSuggestion) => sections.some((c) => c.act === 'BNS' && c.section === s.section);
  const toggle = (s: SectionSuggestion) =>
    onSectionsChange(isAdded(s) ? sections.filter((c) => !(c.act === 'BNS' && c.section === s.section)) : [...sections, { act: 'BNS', section: s.section, title: s.title }]);

  return (
    <div className="review">
      <section className="card" aria-labelledby="facts-h">
        <h2 id="facts-h">What the drafter found</h2>
        {facts.length === 0 ? (
          <p className="muted">No dates, places, people or amounts were recognised. You can enter them in the form.</p>
        ) : (
          <ul className="chips facts" aria-label="Extracted facts">
            {facts.map((f) => (
              <li key={f.id}>
                <button
                  type="button"
                  className={`chip chip-fact chip-${f.kind}${active === f.id ? ' chip-active' : ''}`}
                  onMouseEnter={() => setActive(f.id)}
                  onMouseLeave={() => setActive(null)}
                  onFocus={() => setActive(f.id)}
                  onBlur={() => setActive(null)}
                  onClick={() => document.getElementById(`span-${f.id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })}
                  title={f.span ? 'Marked in the narrative' : undefined}
                >
                  <span className="chip-kind">{f.label}</span> {f.value}
                </button>
              </li>
            ))}
          </ul>
        )}
        <h3 className="subhead">Complaint, with the findings marked</h3>
        <NarrativeHighlight text={draft.narrative} spans={spans} activeId={active} />
        <p className="muted small">
          Drafted by {draft.drafter === 'builtin' ? 'the built-in drafter' : draft.drafter} in {Math.round(draft.tookMs)} ms. Check everything: suggestions are not a legal opinion.
        </p>
      </section>

      <section className="card" aria-labelledby="sugg-h">
        <h2 id="sugg-h">Suggested sections</h2>
        <RefinementNote refinement={draft.refinement} />
        {draft.suggestedSections.length === 0 ? (
          <p className="muted">No section stood out. Search for one below.</p>
        ) : (
          <ol className="suggestions" data-testid="suggested-sections">
            {draft.suggestedSections.map((s) => {
              const added = isAdded(s);
              const pct = Math.round(Math.max(0, Math.min(1, s.score)) * 100);
              return (
                <li key={s.section} className={`suggestion${added ? ' suggestion-added' : ''}`}>
                  <div className="suggestion-head">
                    <strong>BNS {s.section}</strong> <span>{s.title}</span>
                    {added && <span className="ok small">Added ✓</span>}
                  </div>
                  <div className="score" role="img" aria-label={`Relevance ${pct}%`}>
                    <span className="score-bar" style={{ width: `${pct}%` }} />
                    <span className="score-text">{pct}%</span>
                  </div>
                  <p className="small">{s.reason}</p>
                  {s.matchedTerms.length > 0 && (
                    <p className="small muted">
                      Matched:{' '}
                      {s.matchedTerms.map((t) => (
                        <span key={t} className="chip chip-sm chip-term">
                          {t}
                        </span>
                      ))}
                    </p>
                  )}
                  <button type="button" className={added ? 'btn btn-sm' : 'btn btn-sm btn-primary'} onClick={() => toggle(s)}>
                    {added ? `Remove ${s.section}` : `Add ${s.section}`}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        <h3 className="subhead">Sections on this FIR</h3>
        <SectionPicker value={sections} onChange={onSectionsChange} />
      </section>
    </div>
  );
}

/** What the model server did to the suggestions: nothing is said when it was not asked. */
function RefinementNote({ refinement: r }: { refinement: DraftRefinement | undefined }) {
  if (r?.status === 'fallback') {
    // the reason is a phrase like "the model server is unavailable (circuit open)"
    const why = r.reason ? (/^the model server is unavailable \((.*)\)$/.exec(r.reason)?.[1] ?? r.reason.replace(/^the model server /, '')) : null;
    return (
      <p className="alert small" role="status" data-testid="refinement-fallback" style={{ background: 'var(--warn-soft)', borderColor: '#f0d48a' }}>
        The model server is unavailable{why ? ` (${why})` : ''}; showing the built-in suggestions.
      </p>
    );
  }
  if (r?.status !== 'applied') return null;
  const list = (xs: string[] | undefined) => (xs?.length ? xs.map((x) => `BNS ${x}`).join(', ') : 'none');
  return (
    <p className="alert alert-info small" role="status" data-testid="refinement-applied">
      Checked by the model server ({r.server}) in {Math.round(r.tookMs)} ms: confirmed {list(r.confirmed)}; dropped {list(r.dropped)}.
    </p>
  );
}
