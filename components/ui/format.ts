// Dates in Indian Standard Time and amounts in rupees, formatted by hand so the
// server's and the browser's output are identical (ICU versions differ; hydration
// would not match). IST is UTC+05:30 all year, with no daylight saving.
const IST_OFFSET_MS = 330 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

function ist(d: Date | string): Date | null {
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() + IST_OFFSET_MS); // read with getUTC*
}

/** "23 Nov 2026" */
export function formatDateIst(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const x = ist(d);
  if (!x) return '—';
  return `${x.getUTCDate()} ${MONTHS[x.getUTCMonth()]} ${x.getUTCFullYear()}`;
}

/** "23 Nov 2026, 18:05 IST" */
export function formatDateTimeIst(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const x = ist(d);
  if (!x) return '—';
  return `${formatDateIst(d)}, ${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())} IST`;
}

/** "2026-11-23" (an IST calendar day), for <input type="date"> defaults. */
export function isoDateIst(d: Date): string {
  const x = ist(d)!;
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
}

/** An instant as the value of <input type="datetime-local">, in IST: "2026-11-23T18:05". */
export function toIstInput(d: Date | string | null | undefined): string {
  if (!d) return '';
  const x = ist(d);
  if (!x) return '';
  return `${isoDateIst(new Date(x.getTime() - IST_OFFSET_MS))}T${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`;
}

/** <input type="datetime-local"> (read as IST) to an ISO instant with offset, or null. */
export function fromIstInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return null;
  return `${v}:00+05:30`;
}

/** "₹1,20,000" or "₹1,250.50": Indian digit grouping (lakh, crore). */
export function formatRupees(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const negative = n < 0;
  const [whole, frac] = Math.abs(n).toFixed(2).split('.') as [string, string];
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  const grouped = rest ? `${rest},${last3}` : last3;
  return `${negative ? '-' : ''}₹${grouped}${frac === '00' ? '' : `.${frac}`}`;
}
