// Cue rules for offences against women and children, liberty, peace and reputation:
// dowry death vs cruelty, rape vs sexual intercourse on a false promise, the modesty
// sections (74/75/76/77/78/79), kidnapping and ransom, restraint and confinement,
// criminal intimidation (death threats, anonymous threats), insult, drunken
// misconduct, rioting, defamation, and common intention (3(5)) as a companion.
import { DEADLY_WEAPON, DEATH, FEMALE, TAKING, type CueRule } from './cue-vocabulary';

const MINOR = /\b(?:minor|aged (?:[1-9]|1[0-7])\b|(?:[1-9]|1[0-7]) (?:years?|yrs) old|(?:[1-9]|1[0-7])-year-old|school ?girl|school ?boy|(?:\d{1,2})(?:th|st|nd|rd) standard|studying in)/;

const WOMEN_RULES: CueRule[] = [
  // Dowry: a death within seven years of marriage is a dowry death (80(2)); the harassment is cruelty (85)
  (f, out) => {
    const dowry = f.said(/\bdowry|dahej\b/);
    // The husband or his relatives must be the ones acting: "they beat my husband" is not cruelty to a wife
    const cruelty = f.said(
      /\b(?:husband|in-laws|mother-in-law|father-in-law|sister-in-law|brother-in-law)\b(?:\s+[\w,']+){0,12}?\s+(?:harass\w*|beat|beats|beaten|tortur\w*|demand\w*|abus\w*|threaten\w*|hit|hits|slapped|drove|thrown|starv\w*|taunt\w*)\b|\bcruelty\b/,
    );
    if (dowry && DEATH.test(f.text)) {
      const years = /\bwithin (?:(one|two|three|four|five|six|seven|\d) )?years? of (?:her |the )?marriage/.exec(f.text);
      out.boost('80(2)', years ? 4 : 3, 'a married woman died after dowry demands');
      out.boost('85', 1.5, 'cruelty by the husband and his relatives');
      out.damp('108', 0.6);
      out.damp('103(1)', 0.6);
    } else if (dowry || cruelty) out.boost('85', 2.5, 'cruelty by the husband or his relatives');
    else out.damp('85', 0.5); // "beat my husband" matches 85's keywords but is not cruelty to a wife
  },
  // Rape, and intercourse obtained by a false promise of marriage (69)
  (f, out) => {
    const falsePromise = f.said(/\b(?:promise[sd]? to marry|promise of marr\w*|on the pretext of marr\w*|false promise|promising to marry|on that promise)\b/) && f.said(/\b(?:physical relations?|sexual (?:relations?|intercourse)|slept with|had sex)\b/);
    if (falsePromise) {
      out.boost('69', 3.5, 'intercourse obtained by a false promise of marriage');
      out.damp('64(1)', 0.5);
      out.damp('82(1)', 0.6);
      return;
    }
    if (f.said(/\b(?:raped|rape|forcibly had (?:sex|sexual intercourse|physical relations)|sexual intercourse (?:with me )?against my will|forced himself|had sexual intercourse with me)\b/)) {
      if (f.accusedCount >= 2) out.boost('70(1)', 3, 'rape by two or more persons');
      else out.boost('64(1)', 3, 'sexual intercourse without consent');
    }
  },
  // The modesty sections, by what was done
  (f, out) => {
    if (f.said(/\b(?:touched (?:me )?(?:inappropriately|my (?:body|breast|chest))|groped|pressed (?:his body )?against|pulled (?:my|her) (?:dupatta|saree|hand)|caught (?:hold of )?my hand|molest\w*|hugged me forcibly|kissed me forcibly)\b/)) {
      out.boost('74', 2.5, 'force used on a woman to outrage her modesty');
    }
    if (f.said(/\b(?:sexually coloured|demanded (?:that i )?(?:spend a night|sexual favou?rs?|sex)|spend a night with him|obscene (?:videos?|pictures|clips)|porn\w*|sexual advances|sleep with him)\b/)) {
      out.boost('75(2)', 2.5, 'sexual harassment: demands, pornography or unwelcome advances');
    }
    if (f.said(/\b(?:tore (?:my|her) clothes|disrob\w*|strip\w*|tried to undress)\b/)) out.boost('76', 3, 'force used to disrobe a woman');
    if (f.said(/\b(?:hidden camera|camera hidden|secret(?:ly)? (?:fixed|recorded|filmed|camera)|recording videos of me while|recorded (?:me )?while (?:bathing|changing)|peep\w*)\b/)) {
      out.boost('77', 3.5, 'a woman watched or recorded in a private act');
    }
    if (f.said(/\b(?:follows? me|followed me|following me|keeps (?:calling|messaging|following)|despite (?:my )?(?:clear )?refusal|told him i am not interested|waits (?:near|outside|for me))\b/)) {
      out.boost('78', 3, 'repeatedly followed or contacted despite refusal');
    }
    if (f.said(/\b(?:obscene gestures?|vulgar (?:comments|remarks|words)|whistle\w*|lewd|dirty words|cat-?call\w*|winked)\b/)) {
      out.boost('79', 2.5, 'words or gestures insulting a woman\'s modesty');
    }
    // Abuse in "filthy language" matches 79's keywords, but without any sign the victim is a woman it is not 79
    if (!FEMALE.test(f.text)) for (const s of ['74', '75(2)', '75(3)', '76', '77', '78', '79']) out.damp(s, 0.5);
  },
];

const LIBERTY_RULES: CueRule[] = [
  // Kidnapping a minor from lawful guardianship (137(2)); for ransom it is 140(2)
  (f, out) => {
    const ransom = f.said(/\b(?:ransom|demand\w* (?:rs|money|₹|\d).{0,40}(?:release|return)|to release (?:him|her))\b/);
    const taken = f.said(/\b(?:kidnap\w*|abduct\w*|took (?:her|him) away|taken (?:her|him) away|taken away|enticed|lured|picked up|forcibly took|(?:pulled|dragged|pushed|bundled) (?:him |her )?into (?:a|the|their) (?:\w+ )?(?:car|van|jeep|vehicle|auto)|did not return home|went missing)\b/);
    if (ransom && taken) {
      out.boost('140(2)', 4, 'kidnapped and a ransom demanded');
      out.damp('308(2)', 0.5);
      out.damp('351(3)', 0.6);
    } else if (taken && MINOR.test(f.text)) out.boost('137(2)', 3, 'a minor taken from lawful guardianship');
  },
  // Wrongful confinement (locked in) and wrongful restraint (way blocked)
  (f, out) => {
    const confined = f.said(
      /\b(?:locked (?:me|him|her|us) (?:in|inside|up)|locked up|confined|(?:kept|keep|keeps|keeping) (?:me|him|her|us|them) (?:locked|in a room|inside)|held (?:me |him |her )?captive|not allowed to leave|not allowing (?:me|him|her|us) to (?:come|go|leave))\b/,
    );
    if (confined) {
      out.boost('127(2)', 2.5, 'kept confined against their will');
      out.damp('126(2)', 0.5); // confinement includes the restraint
    }
    const blocked = f.said(/\b(?:blocked (?:the|my|our) (?:road|way|path)|stopped me|stopped my (?:tractor|vehicle|bike|car|way)|obstructed (?:my|the) (?:way|path)|not let me pass)\b/);
    if (blocked || (!confined && f.said(/\bdid not (?:allow|let) me (?:to )?(?:go|pass)\b/))) {
      out.boost('126(2)', 2.5, 'stopped from going where they had a right to go');
    }
  },
];

const PEACE_RULES: CueRule[] = [
  // A public servant attacked or obstructed on duty: 132 (force), 121(1) (hurt)
  (f, out) => {
    // The victim must be the one on duty: "I went to the police" does not make a public servant the victim
    const servant = /\b(?:on duty|(?:my|his|her|official) duty|i am a (?:bus )?(?:conductor|constable|police\w*|lineman|government \w+|forest \w+|doctor|teacher|ticket \w+|traffic \w+)|public servant)\b/.test(f.text);
    if (!servant || !f.said(/\b(?:slapped|beat|hit|assaulted|pushed|attacked|punched|kicked|tore (?:my|his|her) uniform|manhandled)\b/)) return;
    out.boost('132', 2.5, 'force used on a public servant on duty');
    if (f.said(/\b(?:slapped|beat|hit|punched|kicked|injur\w*|attacked)\b/)) out.boost('121(1)', 2.5, 'hurt caused to deter a public servant');
    out.damp('115(2)', 0.6);
  },
  // Criminal intimidation: of death or grievous hurt (351(3)), anonymous (351(4)), or otherwise (351(2))
  (f, out) => {
    // Threats are often reported as speech: "said he will chop me into pieces if I do not withdraw"
    const spoken = /\b(?:said|told|warned|shouted|saying) (?:me )?(?:that )?(?:he|she|they) (?:will|would|shall) (?:kill|chop|cut|finish|burn|shoot|stab|beat|break|throw|see|teach|destroy|ruin|harm)/;
    if (!f.said(/\b(?:threat\w*|warned|intimidat\w*|or else|face (?:the )?consequences|finish (?:you|me|him|her) off|see you|teach (?:you|me) a lesson)\b/) && !f.said(spoken)) return;
    const death = f.said(/\b(?:(?:threat\w*|said|told|warned|saying).{0,40}(?:kill|murder|finish|burn|shoot|stab|acid|chop|cut (?:me|him|her|you) into)|finish (?:you|me|him|her) off|kill (?:you|me|him|her|us)|will be killed)/);
    const anonymous = f.said(/\b(?:anonymous|unknown numbers?|does not give his name|different numbers|fake (?:id|profile)|without (?:giving|disclosing) (?:his|her) (?:name|identity))\b/);
    if (death) out.boost('351(3)', 2.5, 'a threat to kill or cause grievous hurt');
    else out.boost('351(2)', 2, 'criminal intimidation');
    if (anonymous) out.boost('351(4)', 2.5, 'a threat from someone hiding their identity');
  },
  // Insult meant to provoke (352); a drunk misbehaving in public (355)
  (f, out) => {
    if (f.said(/\b(?:abused|abusing|abusive|filthy language|foul language|gaali|insulted|abuse[sd]? (?:me|us|him|her))\b/)) out.boost('352', 2, 'insulted in order to provoke');
    if (f.said(/\b(?:drunk|drunken|intoxicated|under the influence)\b/) && f.said(/\b(?:public|market|road|street|in front of|everyone|customers|people|nuisance)\b/) && !f.said(/\bdriv\w*/)) {
      out.boost('355', 3, 'a drunken person misbehaving in public');
    }
  },
  // Rioting: five or more persons using force; armed with deadly weapons it is 191(3); each member liable (190)
  (f, out) => {
    const many = f.accusedCount >= 5 || f.said(/\b(?:mob|crowd|group of (?:about )?\d+|about \d{2,} (?:persons|people|men)|other group)\b/);
    const violence = f.said(/\b(?:attacked|assaulted|beat|pelted|threw stones|rioting|riot|clash\w*|injur\w*|damag\w*|vandali[sz]ed)\b/);
    if (!many || !violence || /\bdacoit/.test(f.text) || f.said(TAKING)) return; // taking property by a group is dacoity
    const armed = f.said(DEADLY_WEAPON) || f.said(/\barmed\b/);
    if (armed) out.boost('191(3)', 3, 'rioting armed with deadly weapons');
    else out.boost('191(2)', 3, 'rioting: force used by an unlawful assembly');
    out.boost('190', 2.5, 'offence committed by an unlawful assembly in pursuit of its common object');
    out.boost('189(2)', 1.5, 'member of an unlawful assembly');
  },
  // Defamation: false statements that harm a reputation
  (f, out) => {
    if (f.said(/\b(?:defam\w*|reputation|character assassination|false (?:messages|allegations|posts|rumou?rs|news|statements)|spreading rumou?rs)\b/)) {
      out.boost('356(2)', 3, 'false statements harming a reputation');
    }
  },
  // Common intention: two or more acting together get 3(5) alongside the main offence
  (f, out) => {
    if (f.accusedCount >= 2) out.companion('3(5)', 0.55, 'two or more persons acted together');
  },
];

export const PERSON_RULES: CueRule[] = [...WOMEN_RULES, ...LIBERTY_RULES, ...PEACE_RULES];
