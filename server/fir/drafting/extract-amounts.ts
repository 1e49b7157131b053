// Finds sums of money and converts them to rupees: "Rs 45,000", "Rs. 1,20,000"
// (Indian grouping), "₹5000", "INR 2.5 lakh", "50k", "2 crore", "45000 rupees",
// "5000/-", "fifty thousand rupees". A bare number is never an amount: it needs a
// currency word or a money unit, which keeps phone, account and vehicle numbers out.
import { matchesOf, pickNonOverlapping } from './found';
import type { Found } from './types';

const NUM = String.raw`(\d{1,3}(?:,\d{2,3})+|\d+)(?:\.(\d+))?`;
const UNIT = String.raw`(lakhs?|lacs?|lakh|crores?|cr|k|thousand|hundred)`;
const UNIT_VALUE: Record<string, number> = {
  lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, crore: 1e7, crores: 1e7, cr: 1e7, k: 1e3, thousand: 1e3, hundred: 100,
};
const WORD_NUMBERS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, 'twenty five': 25, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const WORD_NUM = Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|');

type Hit = Found<number>;

function value(intPart: string, fraction: string | undefined, unit: string | undefined): number | null {
  const n = Number(`${intPart.replace(/,/g, '')}${fraction ? `.${fraction}` : ''}`);
  const v = n * (unit ? (UNIT_VALUE[unit.toLowerCase()] ?? 1) : 1);
  return Number.isFinite(v) && v > 0 ? Math.round(v * 100) / 100 : null;
}

function add(narrative: string, hits: Hit[], v: number | null, start: number, end: number): void {
  if (v !== null) hits.push({ value: v, text: narrative.slice(start, end), start, end });
}

/** Amounts of money in text order, in rupees. */
export function extractAmounts(narrative: string): Found<number>[] {
  const hits: Hit[] = [];
  // Rs 45,000 · Rs. 1,20,000/- · ₹5000 · INR 2.5 lakh · Rupees 500
  const prefixed = new RegExp(String.raw`(?:\b(?:rs|inr|rupees)\b\.?|₹)\s*${NUM}(?:\s*${UNIT}\b)?(?:\s*\/-)?`, 'gi');
  for (const m of matchesOf(prefixed, narrative)) {
    add(narrative, hits, value(m[1] ?? '', m[2], m[3]), m.index, m.index + m[0].length);
  }
  // 45000 rupees · 2 lakh rupees · 5000/- · 500 rs
  const suffixed = new RegExp(String.raw`(?<![\d.,])${NUM}(?:\s*${UNIT}\b)?\s*(?:rupees\b|rs\b|inr\b|\/-)`, 'gi'); // "45000 rs." – that full stop ends the sentence
  for (const m of matchesOf(suffixed, narrative)) {
    add(narrative, hits, value(m[1] ?? '', m[2], m[3]), m.index, m.index + m[0].length);
  }
  // 2.5 lakh · 2 crore · 50k (a money unit on its own; "thousand" alone is too often a count)
  const unitOnly = new RegExp(String.raw`(?<![\d.,])${NUM}\s*(lakhs?|lacs?|crores?)\b|(?<![\d.,])(\d+(?:\.\d+)?)k\b`, 'gi');
  for (const m of matchesOf(unitOnly, narrative)) {
    if (m[4]) add(narrative, hits, value(m[4], undefined, 'k'), m.index, m.index + m[0].length);
    else add(narrative, hits, value(m[1] ?? '', m[2], m[3]), m.index, m.index + m[0].length);
  }
  // fifty thousand rupees · two lakh · a crore
  const words = new RegExp(String.raw`\b(${WORD_NUM})\s+(lakhs?|lacs?|crores?|thousand|hundred)\b(\s+rupees\b)?`, 'gi');
  for (const m of matchesOf(words, narrative)) {
    const unit = (m[2] ?? '').toLowerCase();
    if (!m[3] && (unit === 'thousand' || unit === 'hundred')) continue; // "two thousand people"
    const n = WORD_NUMBERS[(m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? 0;
    add(narrative, hits, n * (UNIT_VALUE[unit] ?? 1), m.index, m.index + m[0].length);
  }
  return pickNonOverlapping(hits);
}
