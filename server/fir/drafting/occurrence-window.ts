// Combines the dates, times and day periods found in a complaint into the FIR's
// "date and time of occurrence" window. Explicit ranges win ("between 10 am and 6 pm
// yesterday", "from 12th March night to 14th March morning"); otherwise the occurrence
// is the latest past date said next to a clock time, else the latest past date (earlier
// dates are usually background: the marriage, the loan), with the nearest clock time
// or day period of its sentence. A single moment gives occurredFrom only; a day or a
// period gives both ends.
import { sentenceIndexAt, sentenceStarts } from './found';
import { PERIOD_WINDOWS, type DayPeriod } from './extract-times';
import { dayFromIso, isoDateTime, minutesOf, type DayNumber } from './kolkata-calendar';
import type { Found } from './types';

export type OccurrenceWindow = { from: Found<string> | null; to: Found<string> | null };

type Piece = { start: number; end: number };
type DatedHit = Found<string> & { day: DayNumber };

const RANGE_GAP = /^\s*(?:and|to|till|until|up\s*to|-|–)\s*(?:the\s+)?$/i;
const JOINER = /^(?:and|to|till|until|up ?to|-|–)(?: the)?$/;
const RANGE_OPENER = /\b(?:between|from)\s+(?:the\s+)?$/i;
const NEAR = 24; // characters between a date and the time/period that qualifies it ("12th March night")

function spanFound(narrative: string, value: string, pieces: readonly Piece[]): Found<string> {
  const start = Math.min(...pieces.map((p) => p.start));
  const end = Math.max(...pieces.map((p) => p.end));
  return { value, text: narrative.slice(start, end), start, end };
}

function nightContext(narrative: string, date: Piece): boolean {
  const around = narrative.slice(Math.max(0, date.start - 16), date.end + NEAR);
  return /night/i.test(around);
}

/** Minutes after the date's midnight for a clock time; "last night … 1 am" is after midnight, so the next day. */
function clockOn(narrative: string, date: Piece, time: Found<string>): number {
  const minutes = minutesOf(time.value);
  return nightContext(narrative, date) && minutes < 6 * 60 ? minutes + 1440 : minutes;
}

function nearestPeriodAfter(periods: readonly Found<DayPeriod>[], date: Piece): Found<DayPeriod> | undefined {
  return periods.find((p) => p.start >= date.end && p.start - date.end <= NEAR) ?? periods.find((p) => p.start >= date.start && p.end <= date.end);
}

export function buildOccurrenceWindow(
  narrative: string,
  dates: readonly Found<string>[],
  times: readonly Found<string>[],
  periods: readonly Found<DayPeriod>[],
  today: DayNumber,
): OccurrenceWindow {
  const dated: DatedHit[] = [];
  for (const d of dates) {
    const day = dayFromIso(d.value);
    if (day !== null && (!Number.isFinite(today) || day <= today)) dated.push({ ...d, day });
  }
  if (dated.length === 0) return { from: null, to: null };
  const starts = sentenceStarts(narrative);
  const sentenceOf = (p: Piece) => sentenceIndexAt(starts, p.start);

  // 1. A range of dates: "from 12th March night to 14th March morning", "between 1st and 3rd March"
  for (let i = 0; i + 1 < dated.length; i++) {
    const a = dated[i]!;
    const b = dated[i + 1]!;
    const gap = narrative.slice(a.end, b.start);
    const joiner = gap.replace(/\b(?:morning|afternoon|evening|night)\b/gi, ' ').trim().toLowerCase().replace(/\s+/g, ' ');
    const opened = RANGE_OPENER.test(narrative.slice(Math.max(0, a.start - 12), a.start));
    // "and" only joins a range after "between"/"from"; "to", "till", "-" join one on their own
    if (b.day >= a.day && JOINER.test(joiner) && (opened || joiner !== 'and')) {
      // "in the night between 10th and 11th March": from the first evening to the next morning
      if (/\bnight\s+(?:of\s+|between\s+|from\s+)?(?:the\s+)?$/i.test(narrative.slice(Math.max(0, a.start - 24), a.start))) {
        return {
          from: spanFound(narrative, isoDateTime(a.day, PERIOD_WINDOWS.night.from), [a]),
          to: spanFound(narrative, isoDateTime(b.day, 6 * 60), [b]),
        };
      }
      const pa = nearestPeriodAfter(periods, a);
      const pb = nearestPeriodAfter(periods, b);
      const fromMin = pa && pa.start < b.start ? PERIOD_WINDOWS[pa.value].from : 0;
      const toMin = pb ? PERIOD_WINDOWS[pb.value].to : 1439;
      return {
        from: spanFound(narrative, isoDateTime(a.day, fromMin), pa && pa.start < b.start ? [a, pa] : [a]),
        to: spanFound(narrative, isoDateTime(b.day, toMin), pb ? [b, pb] : [b]),
      };
    }
  }

  // The occurrence date: the latest past date that has a clock time next to it, else the latest
  // past date. "Till today" or "he will kill me today" are not when it happened.
  const candidates = dated.filter((d) => !/\b(?:till|until|as of|up to|upto|since|will|would|shall)\s+(?:\w+\s+){0,2}$/i.test(narrative.slice(Math.max(0, d.start - 30), d.start)));
  const pool = candidates.length > 0 ? candidates : dated;
  const timed = pool.filter((d) => times.some((t) => Math.min(Math.abs(t.start - d.end), Math.abs(d.start - t.end)) <= NEAR));
  let anchor = (timed.length > 0 ? timed : pool)[0]!;
  for (const d of timed.length > 0 ? timed : pool) if (d.day > anchor.day) anchor = d;

  // 2. A range of times: "between 10 am and 6 pm yesterday"
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i]!;
    const b = times[i + 1]!;
    if (!RANGE_GAP.test(narrative.slice(a.end, b.start)) || !RANGE_OPENER.test(narrative.slice(Math.max(0, a.start - 12), a.start))) continue;
    const sameSentence = dated.filter((d) => sentenceOf(d) === sentenceOf(a));
    const date = sameSentence.length > 0 ? sameSentence.reduce((x, y) => (y.day > x.day ? y : x)) : anchor;
    const fromMin = clockOn(narrative, date, a);
    let toMin = clockOn(narrative, date, b);
    if (toMin < fromMin) toMin += 1440; // "between 10 pm and 2 am"
    return {
      from: spanFound(narrative, isoDateTime(date.day, fromMin), [date, a]),
      to: spanFound(narrative, isoDateTime(date.day, toMin), [date, b]),
    };
  }

  // 3. One moment: the clock time nearest the anchor in its sentence
  const distance = (t: Found<string>) => Math.min(Math.abs(t.start - anchor.end), Math.abs(anchor.start - t.end));
  const time = times.filter((t) => sentenceOf(t) === sentenceOf(anchor)).sort((x, y) => distance(x) - distance(y))[0];
  if (time) {
    return { from: spanFound(narrative, isoDateTime(anchor.day, clockOn(narrative, anchor, time)), [anchor, time]), to: null };
  }
  // 4. A period of the day: "last night", "yesterday evening", "on the night of 2nd March"
  const period =
    (/night/i.test(anchor.text) ? ({ value: 'night', start: anchor.start, end: anchor.end } as const) : undefined) ??
    periods.find((p) => sentenceOf(p) === sentenceOf(anchor) && Math.abs(p.start - anchor.start) <= 40);
  if (period) {
    const w = PERIOD_WINDOWS[period.value];
    return {
      from: spanFound(narrative, isoDateTime(anchor.day, w.from), [anchor, period]),
      to: spanFound(narrative, isoDateTime(anchor.day, w.to), [anchor, period]),
    };
  }
  // 5. Only the day
  return {
    from: spanFound(narrative, isoDateTime(anchor.day, 0), [anchor]),
    to: spanFound(narrative, isoDateTime(anchor.day, 23 * 60 + 59), [anchor]),
  };
}
