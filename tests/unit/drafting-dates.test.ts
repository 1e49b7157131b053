// Dates, clock times and the occurrence window of the built-in drafter: Indian day-first
// numeric dates, named months in both orders, relative days resolved in Asia/Kolkata,
// and the FIR's "from … to …" window.
import { describe, expect, it } from 'vitest';
import { extractDates } from '../../server/fir/drafting/extract-dates';
import { extractPeriods, extractTimes } from '../../server/fir/drafting/extract-times';
import { kolkataDay } from '../../server/fir/drafting/kolkata-calendar';
import { buildOccurrenceWindow } from '../../server/fir/drafting/occurrence-window';

// Sunday 15 March 2026, 10:00 in Kolkata
const NOW = new Date('2026-03-15T10:00:00+05:30');
const dates = (text: string, now = NOW) => extractDates(text, now).map((d) => d.value);
const times = (text: string) => extractTimes(text).map((t) => t.value);
const window = (text: string, now = NOW) => {
  const w = buildOccurrenceWindow(text, extractDates(text, now), extractTimes(text), extractPeriods(text), kolkataDay(now));
  return [w.from?.value ?? null, w.to?.value ?? null];
};

describe('extractDates', () => {
  it('reads numeric dates day first, with / - . separators and two-digit years', () => {
    expect(dates('on 12/03/2026')).toEqual(['2026-03-12']);
    expect(dates('on 12-03-2026')).toEqual(['2026-03-12']);
    expect(dates('on 12.03.26')).toEqual(['2026-03-12']);
    expect(dates('on 9.3.2026 at 11 am')).toEqual(['2026-03-09']);
    expect(dates('on 2026-03-12')).toEqual(['2026-03-12']);
  });

  it('reads month first only when day first is impossible, and rejects non-dates', () => {
    expect(dates('on 03/25/2026')).toEqual(['2026-03-25']); // 25 cannot be a month
    expect(dates('on 31/02/2026')).toEqual([]); // no 31 February
    expect(dates('call 98450-12345 or KA-05-AB-4321')).toEqual([]);
    expect(dates('at about 6.45 pm')).toEqual([]);
  });

  it('reads named months in both orders, with or without a year', () => {
    expect(dates('on 12th March 2026')).toEqual(['2026-03-12']);
    expect(dates('on 12 March, 2026')).toEqual(['2026-03-12']);
    expect(dates('on the 2nd of Mar. 2026')).toEqual(['2026-03-02']);
    expect(dates('on March 12')).toEqual(['2026-03-12']);
    expect(dates('on March 12th, 2025')).toEqual(['2025-03-12']);
    // a day-month in the future is last year's: complaints are about the past
    expect(dates('on 20th December')).toEqual(['2025-12-20']);
  });

  it('does not take a sentence-ending full stop into the date', () => {
    const [d] = extractDates('I paid on 7th March. He wants more.', NOW);
    expect(d?.text).toBe('7th March');
  });

  it('resolves relative days against now in Asia/Kolkata', () => {
    expect(dates('yesterday')).toEqual(['2026-03-14']);
    expect(dates('today')).toEqual(['2026-03-15']);
    expect(dates('last night')).toEqual(['2026-03-14']);
    expect(dates('the day before yesterday')).toEqual(['2026-03-13']);
    expect(dates('3 days ago')).toEqual(['2026-03-12']);
    expect(dates('on 5th of this month')).toEqual(['2026-03-05']);
    expect(dates('on the 20th of last month')).toEqual(['2026-02-20']);
    // 23:30 UTC on the 14th is already the 15th in Kolkata
    expect(dates('today', new Date('2026-03-14T23:30:00Z'))).toEqual(['2026-03-15']);
  });

  it('takes "on Monday" as the most recent past Monday, and ignores "every Monday"', () => {
    expect(dates('on Monday')).toEqual(['2026-03-09']);
    expect(dates('last Sunday')).toEqual(['2026-03-08']); // today is Sunday: the one before
    expect(dates('Friday night')).toEqual(['2026-03-13']);
    expect(dates('he comes every Monday')).toEqual([]);
  });

  it('reads "between 10th and 11th March" as two dates', () => {
    expect(dates('in the night between 10th and 11th March')).toEqual(['2026-03-10', '2026-03-11']);
  });
});

describe('extractTimes', () => {
  it('reads 12-hour, 24-hour and spoken times as HH:MM', () => {
    expect(times('at 9 pm')).toEqual(['21:00']);
    expect(times('at 9:30 PM')).toEqual(['21:30']);
    expect(times('at about 2.30 am')).toEqual(['02:30']);
    expect(times('at 12 am and 12 pm')).toEqual(['00:00', '12:00']);
    expect(times('at 21:30 hrs')).toEqual(['21:30']);
    expect(times('at 2130 hrs')).toEqual(['21:30']);
    expect(times('around 10 in the morning')).toEqual(['10:00']);
    expect(times('at 11 in the night')).toEqual(['23:00']);
    expect(times('2 at night')).toEqual(['02:00']);
    expect(times('today morning at 8.30 my son')).toEqual(['08:30']);
    expect(times('at midnight')).toEqual(['00:00']);
  });

  it('does not read amounts or dates as times', () => {
    expect(times('Rs 2.5 lakh on 12.03.2026')).toEqual([]);
    expect(times('for 3 hours')).toEqual([]);
  });
});

describe('buildOccurrenceWindow', () => {
  it('makes a range from "between 10 am and 6 pm yesterday"', () => {
    expect(window('My bike was stolen between 10 am and 6 pm yesterday.')).toEqual(['2026-03-14T10:00:00+05:30', '2026-03-14T18:00:00+05:30']);
  });

  it('gives one moment for a date with a time, and carries "last night … 1 am" past midnight', () => {
    expect(window('On the night of 12 March around 11 pm they came.')).toEqual(['2026-03-12T23:00:00+05:30', null]);
    expect(window('Last night at about 1 am someone entered.')).toEqual(['2026-03-15T01:00:00+05:30', null]);
  });

  it('maps a vague period to a window and a bare day to the whole day', () => {
    expect(window('It happened yesterday evening.')).toEqual(['2026-03-14T16:00:00+05:30', '2026-03-14T20:00:00+05:30']);
    expect(window('It happened last night.')).toEqual(['2026-03-14T20:00:00+05:30', '2026-03-15T06:00:00+05:30']);
    expect(window('It happened on 8th March 2026.')).toEqual(['2026-03-08T00:00:00+05:30', '2026-03-08T23:59:00+05:30']);
  });

  it('reads date ranges, including a night between two days', () => {
    expect(window('We were away from 1st March to 4th March.')).toEqual(['2026-03-01T00:00:00+05:30', '2026-03-04T23:59:00+05:30']);
    expect(window('He locked me in from 12th March night to 14th March morning.')).toEqual(['2026-03-12T20:00:00+05:30', '2026-03-14T12:00:00+05:30']);
    expect(window('stolen in the night between 10th and 11th March')).toEqual(['2026-03-10T20:00:00+05:30', '2026-03-11T06:00:00+05:30']);
  });

  it('prefers the date said with a clock time over background dates and reported speech', () => {
    expect(window('I was married on 12th May 2022. On 5th of this month at 9 pm my husband beat me.')).toEqual(['2026-03-05T21:00:00+05:30', null]);
    expect(window('On 11/03/2026 at about 10 pm he came, saying he will kill me today.')).toEqual(['2026-03-11T22:00:00+05:30', null]);
    expect(window('He has not paid me till today. It was 8th March.')).toEqual(['2026-03-08T00:00:00+05:30', '2026-03-08T23:59:00+05:30']);
  });

  it('has no window without a date, and Found spans match the narrative', () => {
    expect(window('At about 9 pm two men came.')).toEqual([null, null]);
    const text = 'Yesterday at about 6.45 pm my phone was stolen.';
    const w = buildOccurrenceWindow(text, extractDates(text, NOW), extractTimes(text), extractPeriods(text), kolkataDay(NOW));
    expect(w.from && text.slice(w.from.start, w.from.end)).toBe('Yesterday at about 6.45 pm');
  });
});
