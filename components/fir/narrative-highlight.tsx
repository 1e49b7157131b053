'use client';
// The complaint with what the drafter found marked in it. Plain text segments and
// <mark>s only: the narrative is never parsed as HTML.
import { Fragment, type ReactNode } from 'react';

export type Span = { id: string; start: number; end: number; kind: string };

/** Non-overlapping spans inside the text, in order (an overlapping later span is dropped). */
export function cleanSpans(text: string, spans: Span[]): Span[] {
  const sorted = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

export function NarrativeHighlight({ text, spans, activeId }: { text: string; spans: Span[]; activeId: string | null }) {
  const parts: ReactNode[] = [];
  let at = 0;
  // A finding hidden inside a longer one (a time inside "yesterday at 9 pm") lights that one.
  const active = spans.find((s) => s.id === activeId);
  const lit = (s: Span) => !!active && (s.id === active.id || (active.start >= s.start && active.end <= s.end));
  for (const s of cleanSpans(text, spans)) {
    if (s.start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, s.start)}</Fragment>);
    parts.push(
      <mark key={s.id} id={`span-${s.id}`} className={`mark mark-${s.kind}${lit(s) ? ' mark-active' : ''}`}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return (
    <div className="narrative-box" data-testid="highlighted-narrative">
      {parts}
    </div>
  );
}
