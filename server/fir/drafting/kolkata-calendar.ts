// Calendar arithmetic in Asia/Kolkata. India has kept a fixed +05:30 offset with no
// daylight saving since 1945, so a constant offset is exact and we avoid Intl (slow
// to construct, and its output format varies across ICU versions).
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** A calendar date as a day count since 1970-01-01 (so "yesterday" is day - 1). */
export type DayNumber = number;

/** Today's date in Kolkata at the instant `now`; NaN for an invalid Date. */
export function kolkataDay(now: Date): DayNumber {
  return Math.floor((now.getTime() + IST_OFFSET_MS) / DAY_MS);
}

/** The day number of a calendar date, or null if the date does not exist (31 Feb). */
export function dayFromYmd(year: number, month: number, day: number): DayNumber | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

export function ymdOf(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isoDate(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayFromIso(iso: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** "2026-03-12T23:00:00+05:30" for a day and minutes after its midnight (may spill into the next day). */
export function isoDateTime(day: DayNumber, minutes: number): string {
  const carry = Math.floor(minutes / 1440);
  const m = minutes - carry * 1440;
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${isoDate(day + carry)}T${hh}:${mm}:00+05:30`;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function minutesOf(hhmmText: string): number {
  const [h, m] = hhmmText.split(':');
  return Number(h) * 60 + Number(m);
}
