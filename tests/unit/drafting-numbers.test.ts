// Phones and amounts of the built-in drafter: Indian mobiles and landlines normalised
// to +91…, amounts in Indian grouping and units, and the confusions between them
// (an amount, a date, a vehicle, account or Aadhaar number is never a phone).
import { describe, expect, it } from 'vitest';
import { extractAmounts } from '../../server/fir/drafting/extract-amounts';
import { extractPhones } from '../../server/fir/drafting/extract-phones';

const phones = (text: string) => extractPhones(text).map((p) => p.value);
const amounts = (text: string) => extractAmounts(text).map((a) => a.value);

describe('extractPhones', () => {
  it('normalises mobiles written in any common way to +91XXXXXXXXXX', () => {
    expect(phones('call 9876543210')).toEqual(['+919876543210']);
    expect(phones('call +91 98765 43210')).toEqual(['+919876543210']);
    expect(phones('call +91-9876543210')).toEqual(['+919876543210']);
    expect(phones('call 09876543210')).toEqual(['+919876543210']);
    expect(phones('call 91 98765 43210')).toEqual(['+919876543210']);
    expect(phones('call 98765-43210')).toEqual(['+919876543210']);
    expect(phones('call 987 654 3210')).toEqual(['+919876543210']);
    expect(phones('whatsapp 0091 9876543210')).toEqual(['+919876543210']);
  });

  it('reads landlines with their STD code', () => {
    expect(phones('office 080-23456789')).toEqual(['+918023456789']);
    expect(phones('office (0821) 2345678')).toEqual(['+918212345678']);
    expect(phones('office 011 2345 6789')).toEqual(['+911123456789']);
  });

  it('keeps exact text and offsets', () => {
    const text = 'My other number is 98450 12345. Kindly trace.';
    const [p] = extractPhones(text);
    expect(p).toEqual({ value: '+919845012345', text: '98450 12345', start: 19, end: 30 });
  });

  it('does not mistake amounts, dates, vehicles or account numbers for phones', () => {
    expect(phones('Rs 9876543210 was debited')).toEqual([]);
    expect(phones('₹9876543210')).toEqual([]);
    expect(phones('9876543210 rupees')).toEqual([]);
    expect(phones('Rs 1,20,000 on 12-03-2026')).toEqual([]);
    expect(phones('lorry KA-05-AB-4321 and KA 01 HX 7788')).toEqual([]);
    expect(phones('my account number 9876543210 was hacked')).toEqual([]);
    expect(phones('a/c no. 9876543210')).toEqual([]);
    expect(phones('Aadhaar 9123 4567 8901')).toEqual([]);
    expect(phones('IMEI 356938035643809')).toEqual([]);
    expect(phones('UTR 612345678901')).toEqual([]);
    expect(phones('card 4111 1111 1111 1111')).toEqual([]);
    expect(phones('a 12-digit 123456789012 number')).toEqual([]);
    expect(phones('5555555555')).toEqual([]); // a mobile starts with 6–9
  });

  it('finds a phone next to a date without merging them', () => {
    expect(phones('on 12-03-2026 9876543210 called me')).toEqual(['+919876543210']);
  });

  it('prefers the phone cue when it comes after an account word', () => {
    expect(phones('account linked to mobile 9876543210')).toEqual(['+919876543210']);
  });
});

describe('extractAmounts', () => {
  it('reads Indian and Western grouping', () => {
    expect(amounts('Rs 45,000')).toEqual([45000]);
    expect(amounts('Rs. 1,20,000')).toEqual([120000]);
    expect(amounts('Rs 12,34,56,789')).toEqual([123456789]);
    expect(amounts('Rs 1,200,000')).toEqual([1200000]);
    expect(amounts('Rs.45,000/-')).toEqual([45000]);
  });

  it('reads currency marks, units and words', () => {
    expect(amounts('₹5000')).toEqual([5000]);
    expect(amounts('INR 2.5 lakh')).toEqual([250000]);
    expect(amounts('50k')).toEqual([50000]);
    expect(amounts('2 crore')).toEqual([20000000]);
    expect(amounts('45000 rupees')).toEqual([45000]);
    expect(amounts('5000/-')).toEqual([5000]);
    expect(amounts('Rs 1.5 lakh')).toEqual([150000]);
    expect(amounts('3 lakhs')).toEqual([300000]);
    expect(amounts('fifty thousand rupees')).toEqual([50000]);
    expect(amounts('two lakh')).toEqual([200000]);
  });

  it('never takes a bare number, a count or a phone for an amount', () => {
    expect(amounts('call 9876543210')).toEqual([]);
    expect(amounts('20 cartons and 2 tolas')).toEqual([]);
    expect(amounts('two thousand people')).toEqual([]);
    expect(amounts('50 kg and 5 km')).toEqual([]);
    expect(amounts('2 hrs and 10 yrs')).toEqual([]);
  });

  it('keeps exact text and offsets, without the full stop ending a sentence', () => {
    const text = 'The bike is worth about 45000 rs. Please help.';
    const [a] = extractAmounts(text);
    expect(a?.text).toBe('45000 rs');
    expect(text.slice(a!.start, a!.end)).toBe(a!.text);
  });
});
