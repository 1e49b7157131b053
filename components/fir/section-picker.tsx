'use client';
// The chosen sections (removable chips) and a search over the BNS knowledge base
// (fir.searchSections) to add any section; other acts can be typed in by hand.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { SectionChoice } from './form-values';

const sameRef = (a: { act: string; section: string }, b: { act: string; section: string }) => a.act === b.act && a.section === b.section;

export function SectionPicker({
  value,
  onChange,
  error,
}: {
  value: SectionChoice[];
  onChange: (next: SectionChoice[]) => void;
  error?: string[] | string | null;
}) {
  const id = useId();
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  const remove = (s: SectionChoice) => onChange(value.filter((x) => !sameRef(x, s)));
  const add = (s: SectionChoice) => {
    if (!value.some((x) => sameRef(x, s))) onChange([...value, s]);
  };

  return (
    <div className="section-picker">
      <div className="chips" aria-label="Sections on this FIR" role="group">
        {value.length === 0 && <span className="muted">No sections yet. Add at least one before registering.</span>}
        {value.map((s) => (
          <span key={`${s.act} ${s.section}`} className="chip chip-section">
            <strong>
              {s.act === 'BNS' ? 'BNS' : s.act} {s.section}
            </strong>
            {s.title && <span className="chip-title">{s.title}</span>}
            <button type="button" className="chip-x" onClick={() => remove(s)} aria-label={`Remove section ${s.act} ${s.section}`}>
              ×
            </button>
          </span>
        ))}
      </div>
      {errors.length > 0 && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {errors.join('; ')}
        </p>
      )}
      <SectionSearch chosen={value} onAdd={add} />
      <OtherActSection onAdd={add} />
    </div>
  );
}

function useDebounced<T>(v: T, ms: number): T {
  const [d, setD] = useState(v);
  useEffect(() => {
    const t = setTimeout(() => setD(v), ms);
    return () => clearTimeout(t);
  }, [v, ms]);
  return d;
}

function SectionSearch({ chosen, onAdd }: { chosen: SectionChoice[]; onAdd: (s: SectionChoice) => void }) {
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 250);
  const search = useQuery({
    ...trpc.fir.searchSections.queryOptions({ q: debounced, limit: 8 }),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const hits = debounced.length >= 2 ? (search.data ?? []) : [];

  return (
    <div className="section-search">
      <label htmlFor="section-search">Find a BNS section to add</label>
      <input
        id="section-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="A number (303) or words (theft, cheating, hurt…)"
        autoComplete="off"
        onKeyDown={(e) => {
          // Enter adds the top hit instead of submitting the surrounding form.
          if (e.key === 'Enter') {
            e.preventDefault();
            const top = hits[0];
            if (top) onAdd({ act: 'BNS', section: top.section, title: top.title });
          }
        }}
      />
      {debounced.length >= 2 && (
        <div className="search-results" aria-live="polite">
          {search.isFetching && hits.length === 0 && <p className="muted small">Searching…</p>}
          {search.isError && <p className="field-error">Search failed: {messageOf(search.error)}</p>}
          {!search.isFetching && !search.isError && hits.length === 0 && <p className="muted small">No section matches “{debounced}”.</p>}
          {hits.length > 0 && (
            <ul className="hit-list" data-testid="section-search-results">
              {hits.map((h) => {
                const added = chosen.some((c) => c.act === 'BNS' && c.section === h.section);
                return (
                  <li key={h.section} className="hit">
                    <div className="hit-main">
                      <strong>BNS {h.section}</strong> {h.title}
                      <div className="muted small clamp-2">{h.description}</div>
                      <div className="small muted">
                        {h.punishment} · {h.cognizable} · {h.bailable}
                        {h.ipc ? ` · was IPC ${h.ipc}` : ''}
                      </div>
                    </div>
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={added}
                      onClick={() => onAdd({ act: 'BNS', section: h.section, title: h.title })}
                      aria-label={added ? `BNS ${h.section} added` : `Add BNS ${h.section}`}
                    >
                      {added ? 'Added ✓' : 'Add'}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

const SECTION_FORMAT = /^[0-9]{1,3}[A-Z]?(\([0-9]+\))?(\([a-z]\))?$/;

/** Sections of other acts (IT Act, NDPS…), which the knowledge base does not hold. */
function OtherActSection({ onAdd }: { onAdd: (s: SectionChoice) => void }) {
  const [open, setOpen] = useState(false);
  const [act, setAct] = useState('');
  const [section, setSection] = useState('');
  const [err, setErr] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="btn btn-link" onClick={() => setOpen(true)}>
        + Section of another act (IT Act, NDPS Act…)
      </button>
    );
  }
  const submit = () => {
    const a = act.trim();
    const s = section.trim();
    if (a.length < 2) return setErr('Name the act, e.g. "IT Act"');
    if (!SECTION_FORMAT.test(s)) return setErr('A section number like 66 or 66(2)');
    onAdd({ act: a, section: s, title: null });
    setAct('');
    setSection('');
    setErr(null);
  };
  return (
    <div className="other-act">
      <div className="field">
        <label htmlFor="other-act">Act</label>
        <input id="other-act" value={act} onChange={(e) => setAct(e.target.value)} placeholder="IT Act" maxLength={40} />
      </div>
      <div className="field field-narrow">
        <label htmlFor="other-section">Section</label>
        <input
          id="other-section"
          value={section}
          onChange={(e) => setSection(e.target.value)}
          placeholder="66C"
          maxLength={20}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
      </div>
      <button type="button" className="btn" onClick={submit}>
        Add
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
        Done
      </button>
      {err && <p className="field-error">{err}</p>}
    </div>
  );
}
