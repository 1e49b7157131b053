// Finds Indian phone numbers and normalises them to E.164 ("+919876543210"):
// mobiles (10 digits starting 6–9, optional +91 / 91 / 0 / 0091 prefix, spaces or
// dashes in any grouping) and landlines written with their STD code ("080-2345 6789",
// "(0821) 2345678"). Digit groups are taken whole, so a date or an amount next to a
// number never merges into it, and numbers introduced as an account, card, vehicle,
// IMEI or transaction are skipped, as are amounts ("Rs 9876543210").
import { matchesOf } from './found';
import type { Found } from './types';

type Group = { digits: string; plus: boolean; start: number; end: number };

// The last cue before a number says what it is; these say it is not a phone.
const NOT_PHONE_CUE = /\b(?:account|a\/c|acc|acct|ac\s+no|card|aadhaa?r|uid|pan|ifsc|imei|chassis|engine|vehicle|registration|reg|policy|transaction|txn|utr|ref(?:erence)?|fir|crime\s+no|cr\s+no|case\s+no|cheque|challan|invoice|bill|order|receipt|id|pin(?:\s*code)?|pincode|serial|sy|survey)\b[\s\w.:#/-]{0,12}$/i;
// Words that say "phone" outright ("number" alone does not: "account number")
const PHONE_CUE = /\b(?:phone|mobile|mob|ph|cell|contact|call(?:ed|ing|s)?|whats\s?app|sms|message[sd]?|dial(?:led)?|helpline|tel)\b[\s\w.:#/-]{0,24}$/i;
const CURRENCY_BEFORE = /(?:\brs\.?|\binr|₹|\brupees)\s*$/i;
const UNIT_AFTER = /^\s*(?:\/-|rupees|rs\b|lakhs?|lacs?|crores?|only\b|grams?|gms?|kg|km|tolas?|acres?|sq)/i;

/** Digit runs with their separators: "+91 98450-12345" → ["+91", "98450", "12345"]. */
function digitChains(text: string): Group[][] {
  const chains: Group[][] = [];
  let chain: Group[] = [];
  for (const m of matchesOf(/\+?\d+/g, text)) {
    const g: Group = { digits: m[0].replace('+', ''), plus: m[0].startsWith('+'), start: m.index, end: m.index + m[0].length };
    const prev = chain.at(-1);
    const sep = prev ? text.slice(prev.end, g.start) : '';
    // Groups of one number are separated by one space or dash, or ")" after an STD code
    if (prev && !g.plus && /^(?: ?- ?| |\) ?|\)-)$/.test(sep)) chain.push(g);
    else {
      if (chain.length) chains.push(chain);
      chain = [g];
    }
  }
  if (chain.length) chains.push(chain);
  return chains;
}

/** E.164 for a run of groups, or null if they are not one Indian phone number. */
function normalise(groups: readonly Group[], text: string): string | null {
  const digits = groups.map((g) => g.digits).join('');
  const first = groups[0]!;
  // Numbers are written in groups of 2+ digits; "1 2 3 4" is a list, not a phone
  if (groups.some((g, i) => g.digits.length < 2 && !(i === 0 && g.digits === '0'))) return null;
  const stdWritten = first.digits.startsWith('0') && groups.length > 1 && first.digits.length >= 3 && first.digits.length <= 5;
  let national: string | null = null;
  if (digits.length === 10 && /^[6-9]/.test(digits)) national = digits;
  else if (digits.length === 11 && digits.startsWith('0') && /^0[1-9]/.test(digits)) {
    // 0 + mobile, or a landline: STD code (2–4 digits after the 0) + subscriber number
    if (/^0[6-9]/.test(digits) || stdWritten || text.slice(first.start - 1, first.start) === '(') national = digits.slice(1);
  } else if (digits.length === 12 && digits.startsWith('91')) {
    // "+91 …" or "91 98450 12345"; a bare 12-digit run starting 91 is more likely an Aadhaar number
    if (first.plus || first.digits === '91' || (groups.length === 1 && /^91[6-9]/.test(digits))) national = digits.slice(2);
  } else if (digits.length === 14 && digits.startsWith('0091')) national = digits.slice(4);
  if (!national || national.startsWith('0')) return null;
  if (!/^[6-9]/.test(national) && !(first.plus || digits.startsWith('0'))) return null; // landline needs its prefix
  return `+91${national}`;
}

/** Phone numbers in text order, normalised to "+91XXXXXXXXXX". */
export function extractPhones(narrative: string): Found<string>[] {
  const out: Found<string>[] = [];
  for (const chain of digitChains(narrative)) {
    let i = 0;
    while (i < chain.length) {
      let hit: { value: string; j: number } | null = null;
      // Longest window of whole groups starting at i that is a phone number
      for (let j = Math.min(chain.length, i + 5); j > i && !hit; j--) {
        const value = normalise(chain.slice(i, j), narrative);
        if (value) hit = { value, j };
      }
      if (!hit) {
        i++;
        continue;
      }
      const groups = chain.slice(i, hit.j);
      let start = groups[0]!.start;
      const end = groups.at(-1)!.end;
      if (narrative[start - 1] === '(') start--;
      const before = narrative.slice(Math.max(0, start - 40), start);
      const after = narrative.slice(end, end + 12);
      const notCue = before.search(NOT_PHONE_CUE);
      const phoneCue = before.search(PHONE_CUE);
      const glued = /[\w/-]/.test(narrative.slice(start - 1, start)); // inside a longer token: "KA-05-4321", "ID123…"
      const notPhone =
        (notCue >= 0 && !(phoneCue > notCue)) || CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after) || glued || /^[.,]\d|^[A-Za-z]/.test(after);
      if (!notPhone) out.push({ value: hit.value, text: narrative.slice(start, end), start, end });
      i = hit.j;
    }
  }
  return out;
}
