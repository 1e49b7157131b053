// Finds dates in a complaint and resolves them to ISO calendar dates in Asia/Kolkata:
// numeric (Indian day-first order, US order only when day-first is impossible),
// "12th March 2026", "March 12", "5th of this month", "yesterday", "last night",
// "on Monday" (the most recent past one) and "3 days ago".
import { found, matchesOf, pickNonOverlapping } from './found';
import { dayFromYmd, isoDate, kolkataDay, weekdayOf, ymdOf, type DayNumber } from './kolkata-calendar';
import type { Found } from './types';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_RE = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
// A full stop belongs to an abbreviated month ("Mar. 5"), not to "March." ending a sentence
const ABBREVIATION_DOT = '(?:(?<=\\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\\.)?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

type Hit = Found<string>;

/** Complaints describe the past: a day-month without a year is this year's, or last year's if that would be in the future. */
function pastDayWithoutYear(month: number, dayOfMonth: number, today: DayNumber): DayNumber | null {
  const { year } = ymdOf(today);
  const thisYear = dayFromYmd(year, month, dayOfMonth);
  if (thisYear !== null && thisYear <= today) return thisYear;
  return dayFromYmd(year - 1, month, dayOfMonth) ?? thisYear;
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}

function numericDates(narrative: string, hits: Hit[]): void {
  // ISO first: 2026-03-12
  for (const m of matchesOf(/(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/-])/g, narrative)) {
    const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day !== null) hits.push(found(narrative, isoDate(day), m.index, m.index + m[0].length));
  }
  // 12/03/2026, 12-03-2026, 12.03.26 (the same separator twice, so "6.45 pm" or a phone number does not qualify)
  const re = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g;
  for (const m of matchesOf(re, narrative)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4] ?? '');
    // Indian usage is day first; read month first only when day first cannot be a date.
    const day = dayFromYmd(year, b, a) ?? dayFromYmd(year, a, b);
    if (day !== null) hits.push(found(narrative, isoDate(day), m.index, m.index + m[0].length));
  }
}

function namedMonthDates(narrative: string, today: DayNumber, hits: Hit[]): void {
  const withYear = (month: number, dom: number, yearText: string | undefined): DayNumber | null =>
    yearText ? dayFromYmd(Number(yearText), month, dom) : Number.isFinite(today) ? pastDayWithoutYear(month, dom, today) : null;

  // 12th March 2026, 12 March, 12th of March, 2nd Mar, 2026
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:day\\s+)?(?:of\\s+)?(${MONTH_RE})\\b${ABBREVIATION_DOT}(?:,?\\s*(\\d{4})(?!\\d))?`, 'gi');
  for (const m of matchesOf(dayFirst, narrative)) {
    const day = withYear(MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]), m[3]);
    if (day !== null) hits.push(found(narrative, isoDate(day), m.index, m.index + m[0].length));
  }
  // March 12, March 12th, 2026
  const monthFirst = new RegExp(`\\b(${MONTH_RE})${ABBREVIATION_DOT}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4})(?!\\d))?`, 'gi');
  // "between 10th and 11th March": the first day borrows the month (and year) of the second
  const pair = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(\\s+(?:and|to|-|&)\\s+)(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b`, 'gi');
  for (const m of matchesOf(pair, narrative)) {
    const month = MONTHS[(m[4] ?? '').toLowerCase()] ?? 0;
    const second = withYear(month, Number(m[3]), undefined);
    const first = second === null ? null : dayFromYmd(ymdOf(second).year, month, Number(m[1]));
    const firstText = m[0].slice(0, m[0].indexOf(m[2] ?? ' '));
    if (first !== null && first <= (second ?? first)) hits.push(found(narrative, isoDate(first), m.index, m.index + firstText.length));
  }
  for (const m of matchesOf(monthFirst, narrative)) {
    const day = withYear(MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]), m[3]);
    if (day !== null) hits.push(found(narrative, isoDate(day), m.index, m.index + m[0].length));
  }
}

function relativeDates(narrative: string, today: DayNumber, hits: Hit[]): void {
  // "5th of this month", "the 20th of last month"
  for (const m of matchesOf(/\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(this|the current|current|last|the last|previous|the previous)\s+month\b/gi, narrative)) {
    const { year, month } = ymdOf(today);
    const back = /last|previous/i.test(m[2] ?? '') ? 1 : 0;
    const y = month - back < 1 ? year - 1 : year;
    const mo = month - back < 1 ? 12 : month - back;
    const day = dayFromYmd(y, mo, Number(m[1]));
    if (day !== null) hits.push(found(narrative, isoDate(day), m.index, m.index + m[0].length));
  }
  // "on the 5th", "on 5th": this month if that day has come, else last month
  for (const m of matchesOf(/\bon\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of|floor|standard|std|class|cross|main|block|stage|phase|sector|day|time|\w*\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))/gi, narrative)) {
    const { year, month } = ymdOf(today);
    const dom = Number(m[1]);
    let day = dayFromYmd(year, month, dom);
    if (day === null || day > today) day = dayFromYmd(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1, dom);
    const start = m.index + m[0].search(/\d/);
    if (day !== null) hits.push(found(narrative, isoDate(day), start, m.index + m[0].length));
  }
  // "day before yesterday" must outrank "yesterday": pickNonOverlapping prefers the longer hit
  const words: Record<string, number> = {
    'day before yesterday': -2, 'the day before yesterday': -2, yesterday: -1, 'last night': -1,
    today: 0, tonight: 0, 'this morning': 0, 'this afternoon': 0, 'this evening': 0, tomorrow: 1,
  };
  for (const m of matchesOf(/\b(?:(?:the\s+)?day before yesterday|yesterday|last night|today|tonight|this (?:morning|afternoon|evening)|tomorrow)\b/gi, narrative)) {
    const offset = words[m[0].toLowerCase().replace(/\s+/g, ' ')] ?? 0;
    hits.push(found(narrative, isoDate(today + offset), m.index, m.index + m[0].length));
  }
  // "3 days ago", "two days back"
  for (const m of matchesOf(/\b(\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+(?:ago|back)\b/gi, narrative)) {
    const n = SMALL_NUMBERS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]);
    hits.push(found(narrative, isoDate(today - n), m.index, m.index + m[0].length));
  }
  // "on Monday", "last Friday", "Sunday night": the most recent past one (1–7 days back)
  for (const m of matchesOf(/\b(last\s+|previous\s+|this\s+past\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi, narrative)) {
    const before = narrative.slice(Math.max(0, m.index - 8), m.index);
    const after = narrative.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const anchored = Boolean(m[1]) || /\b(?:on|since|from|till|until|by)\s+$/i.test(before) || /^\s+(?:night|morning|evening|afternoon)\b/i.test(after);
    if (!anchored) continue; // "every Monday", "Monday market" are not an occurrence date
    const target = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
    const back = ((weekdayOf(today) - target + 7) % 7) || 7;
    hits.push(found(narrative, isoDate(today - back), m.index, m.index + m[0].length));
  }
}

/** Dates in text order, each resolved against `now` in Asia/Kolkata, as YYYY-MM-DD. */
export function extractDates(narrative: string, now: Date): Found<string>[] {
  const today = kolkataDay(now);
  const hits: Hit[] = [];
  numericDates(narrative, hits);
  namedMonthDates(narrative, today, hits);
  if (Number.isFinite(today)) relativeDates(narrative, today, hits);
  return pickNonOverlapping(hits);
}
