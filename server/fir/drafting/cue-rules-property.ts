// Cue rules for offences against property: snatching vs theft, house-breaking by
// night, theft by a servant, robbery and dacoity, cheating online or by personation,
// criminal breach of trust, mischief (by value and by fire), trespass, forgery and
// extortion. See cue-rules.ts for how boosts, damps and companions are applied.
import { BREAK_IN, BUILDING, DEATH, FORCE, TAKING, THEFT, type CueRule } from './cue-vocabulary';

export const PROPERTY_RULES: CueRule[] = [
  // Snatching: sudden grab from the person (304), not plain theft (303)
  (f, out) => {
    const grabAndFlee = /\b(?:grabbed|pulled|snatched|took) (?:my|her|his) (?:\w+ ){0,2}?(?:phone|mobile|chain|purse|bag|necklace|mangalsutra|wallet)\b.{0,40}?\b(?:ran|sped|fled|rode|escaped|drove) (?:off|away)/;
    if (!(f.said(/\bsnatch\w*/) || f.said(grabAndFlee)) || f.said(/\btried to snatch|attempted to snatch/)) return;
    out.boost('304(2)', 3, 'property snatched from the person');
    out.damp('303(2)', 0.5);
    out.damp('309(4)', 0.7);
  },
  // House-breaking: a lock, door or shutter broken to get into a building
  (f, out) => {
    // A broken door, shutter or almirah is inside a building even when the complaint never says "house"
    if (!f.said(BREAK_IN) || !(BUILDING.test(f.text) || /\b(?:door|shutter|almirah|cupboard|grill)\b/.test(f.text))) return;
    if (f.atNight) out.boost('331(4)', 3.5, 'lock/door broken to enter a building at night');
    else out.boost('331(3)', 2.5, 'lock/door broken to enter a building');
    if (f.said(THEFT)) {
      out.boost('305(a)', 2.5, 'theft from a dwelling or a building that keeps property');
      out.damp('303(2)', 0.6);
    }
  },
  // Plain theft: property taken without force when the complaint never says "stolen"
  (f, out) => {
    if (f.said(FORCE) || !f.said(/\b(?:took|taken|lifted|cut)\s+(?:away\s+)?(?:my|his|her|our)\s+(?:\w+\s+){0,2}?(?:purse|wallet|bag|phone|mobile|pocket|cash|money|laptop|watch|jewel\w*|ornaments|bike|scooter|cycle)\b|\bpick-?pocket\w*/)) return;
    out.boost('303(2)', 1.5, 'property taken without consent');
  },
  // Theft by a servant or employee entrusted with access
  (f, out) => {
    if (!f.said(/\b(?:stole|stolen|steal\w*|theft|missing|decamped|ran away with|took away)\b/) || !/\b(?:domestic help|servant|maid|house ?keeper|cook|driver|employee|worker|watchman|cashier|salesman|helper)\b/.test(f.text)) return;
    if (/\b(?:our|my|the)\s+(?:domestic help|servant|maid|house ?keeper|cook|driver|employee|worker|watchman|cashier|salesman|helper)\b/.test(f.text)) {
      out.boost('306', 3, 'theft by a servant or employee');
      out.damp('303(2)', 0.7);
    }
  },
  // Robbery: property taken with force or threat at the time; five or more make it dacoity
  (f, out) => {
    if (!(f.said(TAKING) || f.said(/\bforced (?:me|him|her) to (?:hand|give)\b/)) || !f.said(FORCE)) return;
    out.damp('126(2)', 0.5); // stopping the victim is part of the robbery, not a separate restraint
    out.damp('191(3)', 0.5);
    out.damp('191(2)', 0.5);
    if (f.accusedCount >= 5 || f.said(/\bdacoit\w*/)) {
      out.boost('310(2)', 4, 'five or more persons took property by force');
      out.damp('309(4)', 0.6);
    } else {
      out.boost('309(4)', 2.5, 'property taken by force or threat');
      if (f.said(/\bsnatch\w*/)) out.boost('309(4)', -1.5, '');
    }
    out.damp('303(2)', 0.6);
  },
  // Cheating online or by a false identity: fake call, link, OTP, UPI, posing as a bank officer
  (f, out) => {
    const cyber = f.said(/\b(?:otp|upi|kyc|qr code|fake (?:website|link|app|call|profile|account)|(?:profile|website|account|id|app) (?:was|is) fake|phishing|link by sms|sent (?:me )?a link|customer care|debited|online fraud|cyber fraud|remote access|anydesk|teamviewer)\b/);
    const personation = f.said(/\b(?:posing as|posed as|pretend\w* to be|impersonat\w*|claimed to be|said he was (?:calling )?from|calling from (?:the )?(?:\w+ )?(?:bank|head office|customs|police|courier|electricity)|called himself|in the name of|said (?:he|she) (?:was|is) (?:a|an) \w+)\b/);
    const deceit =
      f.said(/\b(?:cheated|cheating|duped|deceived|swindled|fraud\w*|false promise|promising (?:a |me )?(?:government )?job|fake (?:appointment|job|offer))\b/) ||
      // the signs of a fraud told without the word: a fake sold as real, promised returns, the seller vanishing after payment
      (f.said(/\b(?:paid|transferred|sold|gave|deposited|invested|invest)\b/) &&
        f.said(/\b(?:turned out to be (?:fake|brass|duplicate|counterfeit|false|worthless)|double (?:returns|the money|your money)|high returns|guaranteed returns|not responding|stopped responding|not reachable|switched off (?:his|their) phones?|phones? (?:is|are) switched off|website (?:is|was) (?:closed|down|not working)|absconded)\b/));
    if (cyber || deceit) out.boost('318(4)', cyber ? 3 : 2, cyber ? 'money taken by an online or phone fraud' : 'property obtained by deception');
    if (personation && (cyber || deceit)) out.boost('319(2)', 2, 'the cheat pretended to be someone else');
  },
  // Criminal breach of trust: property entrusted, then kept or sold; by an employee it is 316(4)
  (f, out) => {
    const entrusted = f.said(/\b(?:entrusted|handed over|given (?:to him |to her )?(?:for|to)|gave .{0,100}?to (?:sell|keep|deposit|invest|make|repair|deliver|safeguard)|collected (?:payments|money|cash)|for safe custody|to sell)\b/);
    const kept = f.said(/\b(?:misappropriat\w*|(?:not|nor|never) (?:\w+ )?(?:given|returned|deposited|paid|delivered)|did not (?:give|return|deposit|pay|deliver)|refus\w* to return|used (?:the money|it) for himself|for (?:his|her) own use|sold (?:my|our|the)|not given me any)\b/);
    if (!entrusted || !kept) return;
    const employee = /\b(?:accountant|employee|employed|clerk|cashier|manager|staff|servant|agent|collection boy|salesman)\b/.test(f.text);
    out.boost(employee ? '316(4)' : '316(2)', 3, employee ? 'entrusted money misused by an employee' : 'entrusted property misused');
    if (employee && f.said(/\b(?:false entries|falsified|fake entries|manipulated (?:the )?(?:accounts|ledger|records)|forged (?:the )?(?:accounts|ledger|bills|vouchers))\b/)) {
      out.boost('344', 3, 'accounts falsified by an employee');
    }
  },
  // Mischief: damage to property; the sub-section follows the value of the damage
  (f, out) => {
    const damaged = f.said(
      /\b(?:damag\w*|broke|smashed|punctured|destroyed|vandali[sz]ed|shattered|scratched|cut)\s+(?:\w+\s+){0,4}?(?:car|vehicle|windshield|windows?|glass|door|gate|wall|crops?|plants?|trees|property|house|shop|bike|scooter|motorcycle|mirrors?|tyres?|furniture|tv|meter|pipeline|fence|shutter|cctv|camera|board|statue|wires?|bus|auto)\b|\b(?:car|vehicle|windshield|windows?|glass|door|gate|crops?|property|bike|scooter|shutter)\s+(?:was|were)\s+(?:damaged|broken|smashed|destroyed)\b/,
    );
    if (!damaged || f.said(THEFT)) return;
    if (f.said(/\b(?:set (?:fire|ablaze)|set on fire|burnt|burned|torched|arson)\b/)) return; // fire: the next rule
    const section = f.maxAmount >= 100_000 ? '324(5)' : f.maxAmount >= 20_000 ? '324(4)' : '324(2)';
    out.boost(section, 2.5, 'property deliberately damaged');
  },
  // Mischief by fire: to a building (house, shed, shop) or to other property (crops, vehicles)
  (f, out) => {
    if (!f.said(/\b(?:set (?:fire|ablaze)|set on fire|torched|arson|burnt|burned)\b/) || DEATH.test(f.text)) return;
    if (f.said(/\b(?:set (?:fire|ablaze)\s+(?:to\s+)?|set on fire|torched|burnt|burned)\b/) && /\b(?:house|hut|shed|shop|godown|building|office|temple|home|cattle shed)\b/.test(f.text)) {
      out.boost('326(g)', 3, 'fire set to a building used as a dwelling or for property');
    } else out.boost('326(f)', 2.5, 'property destroyed by fire');
    if (!f.said(/\bset (?:me|him|her|them|us) (?:on fire|ablaze)|poured (?:petrol|kerosene|diesel) on (?:me|him|her)/)) out.damp('109(1)', 0.5);
  },
  // Criminal trespass on land; into a house it is house-trespass
  (f, out) => {
    const entered = f.said(/\b(?:trespass\w*|encroach\w*|entered|intruded|barged|forcibly occup\w*|trying to occupy|illegally occup\w*|put up a fence|ploughed)\b/);
    if (!entered || !/\b(?:land|field|property|plot|house|premises|compound|site|farm|home|room|shop)\b/.test(f.text)) return;
    if (!f.said(/\b(?:trespass\w*|encroach\w*|without (?:my |our |any )?(?:permission|consent)|forcibly|illegally|occupy|occupied)\b/)) return;
    if (f.said(BREAK_IN)) return; // house-breaking is ranked by its own rule
    const house = /\b(?:entered (?:into )?(?:my|our) (?:house|home|premises|compound)|house-trespass)\b/.test(f.text);
    out.boost(house ? '329(4)' : '329(3)', 2.5, house ? 'entered a dwelling without permission' : 'entered land or property without permission');
  },
  // Forgery, forgery for cheating, forged valuable security or deed, using a forged document
  (f, out) => {
    if (!f.said(/\b(?:forg\w*|fake (?:document|letter|certificate|seal|signature|deed|id|identity|appointment|stamp|will)|fabricated (?:document|record)|false document)\b/)) return;
    out.boost('336(2)', 1, 'a document was forged');
    if (f.said(/\b(?:money|rs\b|₹|lakh|property|job|sold|registered|cheat\w*)/)) {
      out.boost('336(3)', 2, 'forged to cheat');
      // a forged paper that got someone property or money is cheating too
      if (f.said(/\b(?:sold|registered in (?:his|her|their) name|took rs|took money|obtained|got (?:a )?loan|transferred|withdrew|encashed)\b/)) out.boost('318(4)', 2, 'property obtained with a forged document');
    }
    if (/\b(?:sale deeds?|deeds?|wills?|cheques?|promissory notes?|power of attorney|gpa|title deeds?|bonds?|share certificates?|demand drafts?)\b/.test(f.text)) out.boost('338', 2.5, 'a deed, will or valuable security was forged');
    if (f.said(/\b(?:gave|given|produced|submitted|used|showed|registered|presented|using|withdrew|encashed|deposited|availed)\b/)) out.boost('340(2)', 2, 'a forged document was used as genuine');
  },
  // Extortion: money demanded under a threat
  (f, out) => {
    if (!f.said(/\b(?:demand\w*|asked (?:me )?(?:for|to pay)|pay|paid)\b/) || !f.said(/\b(?:threat\w*|unless|or else|otherwise|viral|leak|post (?:them|it|the)|publish|defame)\b/)) return;
    if (f.said(/\bransom\b/)) return; // kidnapping for ransom is ranked by its own rule
    if (/\b(?:morphed|photos?|videos?|pictures|private|nude|intimate)\b/.test(f.text) || f.said(/\b(?:hafta|protection money|extort\w*|or else|unless i pay|unless we pay)\b/)) {
      out.boost('308(2)', 3, 'money demanded under a threat');
      out.damp('77', 0.6);
    }
  },
];

