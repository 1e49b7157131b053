// Finds property lost, stolen, snatched or damaged, with its value where stated:
// "my Vivo mobile phone worth Rs 18,500", "gold chain of 2 tolas", "Honda Activa
// scooter KA-01-AB-1234", "cash of Rs 45,000". An item counts only in a sentence
// that says it was taken, lost or damaged, so "he called me on my phone" adds nothing.
import { matchesOf, sentenceIndexAt, sentenceStarts } from './found';
import type { FirDraft, Found } from './types';

export type PropertyItem = FirDraft['properties'][number];

// Buildings and fixtures are "property" only when damaged or burnt, not when something was stolen from them
const DAMAGE_VERB = /\b(?:damag\w*|broke|broken|smashed|burnt|burned|set (?:fire|ablaze)|destroyed|vandali[sz]ed|punctured)\b/i;
const FIXTURES = /^(?:sheds?|cattle shed|hay ?stacks?|windshield|(?:side )?mirrors?|tyres?)$/i;
const LOSS_VERB =
  /\b(?:stole|stolen|steal\w*|theft|thieves|snatch\w*|took|taken|taking|robbed|robbery|looted|loot|lost|missing|pick-?pocket\w*|pocketed|decamped|grabbed|burgl\w*|damag\w*|broke|broken|smashed|burnt|burned|set (?:fire|ablaze)|destroyed|vandali[sz]ed|punctured|sold|misappropriated|took away|ran away with|disappeared)\b/i;

// Longer names first so "gold chain" wins over "chain" and "mobile phone" over "phone".
const ITEMS = [
  'mobile phones?', 'cell ?phones?', 'smart ?phones?', 'i-?phones?', 'mobiles?', 'phones?', 'laptops?', 'tablets?', 'ipads?',
  'gold chains?', 'chains?', 'mangal ?sutras?', 'necklaces?', 'ear-?rings?', 'bangles?', 'rings?', 'bracelets?', 'anklets?',
  'jewell?ery', 'ornaments?', 'silver articles', 'watch(?:es)?', 'wallets?', 'purses?', 'hand ?bags?', 'bags?', 'suitcases?',
  'cash', 'motor ?cycles?', 'motor ?bikes?', 'bikes?', 'scoot(?:er|y)s?', 'cars?', 'jeeps?', 'lorry', 'lorries', 'trucks?',
  'tractors?', 'auto ?rickshaws?', 'bicycles?', 'cycles?', 'tv', 'televisions?', 'cameras?', 'cigarettes', 'documents?',
  'aadhaa?r cards?', 'pan cards?', 'atm cards?', 'debit cards?', 'credit cards?', 'passports?', 'driving licen[cs]es?',
  'gas cylinders?', 'cylinders?', 'pump ?sets?', 'batter(?:y|ies)', 'cattle shed', 'cattle', 'cows?', 'buffalo(?:es)?', 'goats?', 'sheep',
  'paddy', 'crops?', 'fodder', 'windshield', '(?:side )?mirrors?', 'tyres?', 'sheds?', 'hay ?stacks?',
  'farm implements',
];
const ITEM_RE = new RegExp(`\\b(?:${ITEMS.join('|')})\\b`, 'gi');
// Words that may describe an item just before it: brand/model (capitalised or alphanumeric), colour, material, age
const MODIFIER = /^(?:[A-Z][\w-]*|[a-z]*\d[\w-]*|black|white|red|blue|green|silver|grey|gray|golden|gold|diamond|leather|old|new|small|big|brown|yellow|pink|steel)$/;
const STOP_BEFORE = /^(?:my|our|his|her|their|the|a|an|one|of|and|or|with|from|in|on|at|to|i|we|he|she|they|it|was|were|is|are|has|have|had|also|some|all|both|two|three|four|five|kept|containing|worth)$/i;
// What may follow the item and still describe it
const DETAIL_AFTER = [
  /^\s*\([^()]{1,80}\)/, // "(4 numbers, about 40 grams)"
  /^\s+of\s+(?:about\s+|around\s+)?\d+(?:\.\d+)?\s*(?:tolas?|grams?|gms?|g|kg|sovereigns?|pavan|carats?)\b/i,
  /^,?\s+(?:bearing\s+)?(?:(?:registration|regn?\.?)\s*(?:no\.?|number)?\s*)?[A-Z]{2}[\s-]?\d{1,2}[\s-]?[A-Z]{0,3}[\s-]?\d{1,4}\b/,
  /^,?\s+(?:with\s+)?imei\s*(?:no\.?|number)?\s*:?\s*\d{14,16}\b/i,
];
const VALUE_AFTER = /^,?\s+(?:worth|valued at|value of|costing|cost(?:ing)?|priced at|of|containing|with)\s+(?:about\s+|around\s+|approximately\s+|approx\.?\s+|rs\b)?/i;

/** Items lost, stolen or damaged, with their value in rupees when the complaint states it. */
export function extractProperty(narrative: string, amounts: readonly Found<number>[]): PropertyItem[] {
  const starts = sentenceStarts(narrative);
  const lossSentences = new Set<number>();
  const damageSentences = new Set<number>();
  starts.forEach((s, i) => {
    const sentence = narrative.slice(s, starts[i + 1] ?? narrative.length);
    if (LOSS_VERB.test(sentence)) lossSentences.add(i);
    if (DAMAGE_VERB.test(sentence)) damageSentences.add(i);
  });
  const out: PropertyItem[] = [];
  let claimedUntil = -1;
  let lastOwnedEnd = -1;
  // An amount is the value of one item: "purse with Rs 2,500 cash" is one purse, not
  // a purse and Rs 2,500 of cash besides (which would double the total).
  const claimedAmounts = new Set<number>();
  for (const m of matchesOf(ITEM_RE, narrative)) {
    const sentence = sentenceIndexAt(starts, m.index);
    if (m.index < claimedUntil || !lossSentences.has(sentence)) continue;
    if (FIXTURES.test(m[0]) && !damageSentences.has(sentence)) continue;
    let start = m.index;
    // Walk left over describing words: "Honda Activa scooter", "20 cartons of cigarettes"
    const left = narrative.slice(Math.max(0, start - 60), start);
    const quantity = /(\d+\s+(?:cartons?|packets?|bags?|boxes?|pieces?|numbers?|nos\.?|bundles?)\s+of\s+)$/i.exec(left);
    if (quantity) start -= quantity[0].length;
    else {
      const words = left.split(/(\s+)/);
      let used = 0;
      for (let k = words.length - 1, n = 0; k >= 0 && n < 4; k--) {
        const w = words[k] ?? '';
        if (/^\s+$/.test(w) || w === '') {
          used += w.length;
          continue;
        }
        if (STOP_BEFORE.test(w) || !MODIFIER.test(w)) break;
        start -= used + w.length;
        used = 0;
        n++;
      }
    }
    let end = m.index + m[0].length;
    for (let again = true; again; ) {
      again = false;
      for (const re of DETAIL_AFTER) {
        const d = re.exec(narrative.slice(end));
        if (d) {
          end += d[0].length;
          again = true;
        }
      }
    }
    const description = narrative.slice(start, end).replace(/\s+/g, ' ').trim();
    // The complainant's property is "my phone", "our cattle", "3 buffaloes", "ornaments worth…";
    // "a black motorcycle" the thieves came on, or "the ring road", is not
    const owned =
      /\b(?:my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}$/i.test(narrative.slice(Math.max(0, start - 40), start)) ||
      /(?:^|\s)(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+$/i.test(narrative.slice(Math.max(0, start - 8), start)) ||
      Boolean(quantity) || /^cash$/i.test(m[0]) || VALUE_AFTER.test(narrative.slice(end)) ||
      end > m.index + m[0].length || // described by weight or registration number: "ornaments of 60 grams"
      // the next item of a list that began with "my": "my gold bangles and a diamond ring"
      (lastOwnedEnd >= 0 && /^\s*(?:,\s*(?:and\s+)?|and\s+)(?:a|an|one|the)?\s*$/i.test(narrative.slice(lastOwnedEnd, start)));
    if (!owned) continue;
    // "worth Rs 18,500", "cash of Rs 45,000", or an amount just before: "Rs 45,000 cash"
    let value: number | null = null;
    let textEnd = end;
    const v = VALUE_AFTER.exec(narrative.slice(end));
    const amountAfter = v
      ? amounts.find((a) => a.start >= end && a.start <= end + v[0].length + 1 && !claimedAmounts.has(a.start))
      : undefined;
    const amountBefore = amounts.find((a) => a.end <= start && start - a.end <= 2);
    if (amountBefore && claimedAmounts.has(amountBefore.start) && /^cash$/i.test(m[0])) continue;
    if (amountAfter) {
      claimedAmounts.add(amountAfter.start);
      value = amountAfter.value;
      textEnd = amountAfter.end;
    } else if (amountBefore && /^cash$/i.test(m[0])) {
      claimedAmounts.add(amountBefore.start);
      value = amountBefore.value;
      start = amountBefore.start;
    }
    claimedUntil = textEnd;
    lastOwnedEnd = textEnd;
    out.push({ description, value, text: narrative.slice(start, textEnd) });
  }
  return out;
}
