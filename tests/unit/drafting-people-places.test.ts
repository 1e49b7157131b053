// Names, places, property and accused of the built-in drafter: names come only from
// the cues complaints use, places from cue + place phrase, property only from
// sentences saying it was taken or damaged, accused split into known and unknown.
import { describe, expect, it } from 'vitest';
import { extractAccused } from '../../server/fir/drafting/extract-accused';
import { extractAmounts } from '../../server/fir/drafting/extract-amounts';
import { extractNames, findNameHits } from '../../server/fir/drafting/extract-names';
import { extractPlaces } from '../../server/fir/drafting/extract-places';
import { extractProperty } from '../../server/fir/drafting/extract-property';

const names = (text: string) => extractNames(text).map((n) => n.value);
const places = (text: string) => extractPlaces(text, extractNames(text)).map((p) => p.value);
const property = (text: string) => extractProperty(text, extractAmounts(text)).map((p) => [p.description, p.value]);
const accused = (text: string) => extractAccused(text, findNameHits(text));

describe('extractNames', () => {
  it('reads names after the cues complaints use', () => {
    expect(names('I am Ravi Kumar S/o Late Shankar, residing at Jayanagar.')).toEqual(['Ravi Kumar', 'Shankar']);
    expect(names('One Prakash Rao of Dharwad took money.')).toEqual(['Prakash Rao']);
    expect(names('a youth named Nikhil follows me')).toEqual(['Nikhil']);
    expect(names('my neighbour Shivappa and accused Imran')).toEqual(['Shivappa', 'Imran']);
    expect(names('My supervisor Mr. Dinesh Shetty said')).toEqual(['Dinesh Shetty']);
    expect(names('Smt. Lakshmamma W/o Ramappa')).toEqual(['Lakshmamma', 'Ramappa']);
    expect(names("the landlord's son Rohit fixed it")).toEqual(['Rohit']);
    expect(names('accused Ravi, Suresh and Mahesh came')).toEqual(['Ravi', 'Suresh', 'Mahesh']);
  });

  it('does not take months, places, brands or plain capitalised words for names', () => {
    expect(names('One Monday my Vivo phone was stolen near MG Road.')).toEqual([]);
    expect(names('named Honda Activa')).toEqual([]);
    expect(names('one Ravi Nagar Road')).toEqual(['Ravi']); // the place words are cut off
    expect(names('Yesterday Manjunath came to the house.')).toEqual([]); // no cue: not guessed
  });

  it('keeps the exact text and offsets of the first mention', () => {
    const text = 'my husband Anil beat me. Anil also abused me.';
    expect(extractNames(text)).toEqual([{ value: 'Anil', text: 'Anil', start: 11, end: 15 }]);
  });
});

describe('extractPlaces', () => {
  it('reads a cue followed by a capitalised place name or a place noun', () => {
    expect(places('snatched near Gandhi Nagar bus stand towards the highway')).toEqual(['near Gandhi Nagar bus stand', 'towards the highway']);
    expect(places('I got down at the South End Circle bus stop I found')).toEqual(['at the South End Circle bus stop']);
    expect(places('in front of my gate, opposite the temple')).toEqual(['in front of my gate', 'opposite the temple']);
    expect(places('I run a shop on Station Road, Hubli')).toEqual(['on Station Road']);
    expect(places('the lock of my shop was broken')).toEqual(['my shop']);
  });

  it('does not read times, months, apps, people or plain words as places', () => {
    expect(places('at about 9 pm at night on Monday in March')).toEqual([]);
    expect(places('posted on Facebook and in WhatsApp groups')).toEqual([]);
    expect(places('I was married to my husband Anil. I went to Anil.')).toEqual([]);
    expect(places('stolen in the crowd, in anger')).toEqual([]);
    expect(places('he wanted to go home')).toEqual([]);
  });
});

describe('extractProperty', () => {
  it('reads items taken or damaged with their stated value', () => {
    expect(property('my Vivo Y21 mobile phone worth Rs 18,500 was stolen')).toEqual([['Vivo Y21 mobile phone', 18500]]);
    expect(property('he snatched my gold chain of 2 tolas worth about Rs 1,20,000')).toEqual([['gold chain of 2 tolas', 120000]]);
    expect(property('my Honda Activa scooter KA-01-AB-1234 was stolen')).toEqual([['Honda Activa scooter KA-01-AB-1234', null]]);
    expect(property('cash of Rs 45,000 and 20 cartons of cigarettes were stolen')).toEqual([['cash', 45000], ['20 cartons of cigarettes', null]]);
    expect(property('my gold bangles and a diamond ring are missing')).toEqual([['gold bangles', null], ['diamond ring', null]]);
  });

  it('ignores items in sentences without a loss, and items that are not the complainant’s', () => {
    expect(property('He called me on my phone and abused me.')).toEqual([]);
    expect(property('Two men came on a black motorcycle and snatched my purse.')).toEqual([['purse', null]]);
    expect(property('A lorry hit him on the ring road and he died.')).toEqual([]);
  });
});

describe('extractAccused', () => {
  it('tells known accused from unknown ones and counts them', () => {
    const a = accused('Two men on a motorcycle snatched my chain.');
    expect(a.accused).toEqual([{ known: false, name: null, description: 'Two men on a motorcycle' }]);
    expect(a.count).toBe(2);
    const b = accused('My neighbour Shivappa slapped me.');
    expect(b.accused).toEqual([{ known: true, name: 'Shivappa', description: 'neighbour' }]);
    expect(b.count).toBe(1);
  });

  it('does not make the complainant, their family or the victim an accused', () => {
    expect(accused('I, Suresh Patil S/o Ramappa, state that my son Aarav is missing.').accused).toEqual([]);
  });

  it('reads unnamed relations and groups acting together', () => {
    const a = accused('My husband and his mother harass me for dowry.');
    expect(a.accused).toEqual([{ known: true, name: null, description: 'husband' }]);
    expect(a.count).toBe(2);
    expect(accused('Unknown persons broke the lock.').count).toBe(2);
    expect(accused('six or seven persons armed with sticks entered').count).toBe(7);
    expect(accused('some unknown person stole it').count).toBe(1);
  });
});
