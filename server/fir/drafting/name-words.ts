// Capitalised words that are not person names (months, days, places, brands, titles,
// sentence-starting words), shared by the name and place extractors so that "March",
// "Honda", "Road" or "Police" is never taken for a person.
export const MONTH_WORDS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
export const WEEKDAY_WORDS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));

/** Last words that make a capitalised phrase a place: "MG Road", "Gandhi Nagar", "Kallur village". */
export const PLACE_NOUNS = new Set(
  (
    'road street lane cross main highway junction circle chowk signal bridge flyover underbridge underpass nagar colony layout ' +
    'society extension block sector stage phase village town city district taluk market bazaar bazar mandi station stand stop ' +
    'temple mosque masjid church gurudwara dargah school college university hospital clinic park garden ground playground ' +
    'field farm farmhouse house home shop store mall theatre cinema hotel restaurant dhaba lodge bank atm office factory godown ' +
    'gate parking depot terminal airport port bunk pump apartment apartments flat complex tower building hall area halli pura ' +
    'puram pet palya lake river canal railway metro stall yard spot compound premises'
  ).split(' '),
);

const NOT_NAMES =
  'i sir madam the a an on in at of and but so then when while after before since this that my our his her their he she they we it ' +
  'police station hospital bank court government govt district city state india indian road street nagar colony village ' +
  'honda hero bajaj tvs yamaha suzuki maruti hyundai tata mahindra activa splendor pulsar vivo oppo samsung redmi xiaomi apple iphone ' +
  'realme oneplus nokia motorola lenovo dell hp whatsapp facebook instagram twitter telegram youtube google paytm phonepe gpay upi ' +
  'olx amazon flipkart sbi hdfc icici axis canara kyc otp atm pan aadhaar aadhar sms fir ipc bns rs inr no mobile phone ' +
  'unknown accused complainant victim witness late mr mrs ms shri sri smt kumari dr captain major inspector constable ' +
  'yesterday today tonight tomorrow morning evening night afternoon last next one two three four five kindly please hence ' +
  'since yours faithfully sincerely respected subject ref dear god allah lord bmtc ksrtc apmc sy cbi cid';
export const NOT_NAME_WORDS = new Set([...NOT_NAMES.split(' '), ...MONTH_WORDS, ...WEEKDAY_WORDS]);

/** True if a capitalised word may be part of a person's name. */
export function mayBeNameWord(word: string): boolean {
  const w = word.replace(/\.$/, '').toLowerCase();
  return !NOT_NAME_WORDS.has(w) && !PLACE_NOUNS.has(w);
}
