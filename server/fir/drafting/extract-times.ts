// Finds clock times ("9 pm", "9:30 PM", "21:30", "2130 hrs", "at about 2.30 am",
// "10 in the morning", "morning at 8.30", "noon", "midnight") as 24-hour HH:MM, and
// vague day periods ("in the evening", "at night") that the occurrence window maps
// to a range when no clock time is given.
import { found, matchesOf, pickNonOverlapping } from './found';
import { hhmm } from './kolkata-calendar';
import type { Found } from './types';

export type DayPeriod = 'morning' | 'afternoon' | 'evening' | 'night';

/** Minutes after midnight where each vague period starts and ends (night ends the next morning). */
export const PERIOD_WINDOWS: Record<DayPeriod, { from: number; to: number }> = {
  morning: { from: 6 * 60, to: 12 * 60 },
  afternoon: { from: 12 * 60, to: 16 * 60 },
  evening: { from: 16 * 60, to: 20 * 60 },
  night: { from: 20 * 60, to: 30 * 60 },
};

function toMinutes(hour: number, minute: number): number | null {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return hour * 60 + minute;
}

/** A 12-hour clock reading placed in a period of the day ("10 in the night" is 22:00, "2 at night" 02:00). */
function inPeriod(hour: number, minute: number, period: DayPeriod): number | null {
  if (hour > 12) return toMinutes(hour, minute); // already 24 h
  const h = hour % 12;
  switch (period) {
    case 'morning':
      return toMinutes(h, minute);
    case 'afternoon':
    case 'evening':
      return toMinutes(h + 12, minute);
    case 'night':
      return toMinutes(h >= 6 ? h + 12 : h, minute); // 1–5 "at night" is after midnight
  }
}

type Hit = Found<string>;

function push(narrative: string, hits: Hit[], minutes: number | null, start: number, end: number): void {
  if (minutes !== null) hits.push(found(narrative, hhmm(minutes), start, end));
}

/** Clock times in text order, as HH:MM (24 h). */
export function extractTimes(narrative: string): Found<string>[] {
  const hits: Hit[] = [];
  // 9 pm, 9:30 PM, 2.30 a.m., 9pm
  for (const m of matchesOf(/(?<![\d.,:])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])/gi, narrative)) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (hour === 0 || hour > 23) continue;
    const pm = /^p/i.test(m[3] ?? '');
    const h24 = hour > 12 ? hour : (hour % 12) + (pm ? 12 : 0);
    push(narrative, hits, toMinutes(h24, minute), m.index, m.index + m[0].length);
  }
  // 21:30, 21:30 hrs, 21.30 hrs, 2130 hrs (colon, or an explicit "hrs": a bare "21.30" could be an amount)
  for (const m of matchesOf(/(?<![\d.,:/-])([01]?\d|2[0-3])(?::([0-5]\d)(?:\s*(?:hrs|hours|h)\b\.?)?|[.]?([0-5]\d)\s*(?:hrs|hours)\b\.?)(?![\d:])/gi, narrative)) {
    push(narrative, hits, toMinutes(Number(m[1]), Number(m[2] ?? m[3] ?? 0)), m.index, m.index + m[0].length);
  }
  // 10 in the morning, 8 o'clock at night, 11 in the night
  for (const m of matchesOf(/\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:o'?\s?clock\s*)?(?:in the|at|during the)\s+(morning|afternoon|evening|night)\b/gi, narrative)) {
    const period = (m[3] ?? '').toLowerCase() as DayPeriod;
    push(narrative, hits, inPeriod(Number(m[1]), Number(m[2] ?? 0), period), m.index, m.index + m[0].length);
  }
  // morning at 8.30, evening at about 7, night 10:15
  for (const m of matchesOf(/\b(morning|afternoon|evening|night)\s+(?:at\s+(?:about\s+|around\s+)?(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2}))(?![\d\w]|\.\d|\s*(?:a\.?\s?m|p\.?\s?m)\b)/gi, narrative)) {
    const period = (m[1] ?? '').toLowerCase() as DayPeriod;
    push(narrative, hits, inPeriod(Number(m[2] ?? m[4]), Number(m[3] ?? m[5] ?? 0), period), m.index, m.index + m[0].length);
  }
  // 10 o'clock (no period: read as written)
  for (const m of matchesOf(/\b(\d{1,2})\s*o'?\s?clock\b/gi, narrative)) {
    push(narrative, hits, toMinutes(Number(m[1]), 0), m.index, m.index + m[0].length);
  }
  for (const m of matchesOf(/\b(noon|midday|mid-day|midnight|mid-night)\b/gi, narrative)) {
    push(narrative, hits, /night/i.test(m[1] ?? '') ? 0 : 12 * 60, m.index, m.index + m[0].length);
  }
  return pickNonOverlapping(hits);
}

/** Vague periods of the day ("in the evening", "at night", "last night", "tonight"), in text order. */
export function extractPeriods(narrative: string): Found<DayPeriod>[] {
  const out: Found<DayPeriod>[] = [];
  for (const m of matchesOf(/\b(morning|afternoon|evening|night|tonight)\b/gi, narrative)) {
    const word = (m[1] ?? '').toLowerCase();
    out.push(found(narrative, (word === 'tonight' ? 'night' : word) as DayPeriod, m.index, m.index + m[0].length));
  }
  return out;
}
