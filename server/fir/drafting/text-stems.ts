// Turns text into comparable word stems for section ranking: lower-case tokens,
// a light suffix stemmer ("stole/stolen/stealing" → "steal", "threatened/threatening"
// → "threat"), stop words dropped, and words under a negation marked ("did not
// threaten" must not count as a threat). Used on the narrative once per draft and on
// the knowledge base once per KB.

// Irregular forms and domain synonyms the suffix rules cannot reach.
const IRREGULAR: Record<string, string> = {};
function same(stem: string, words: string): void {
  for (const w of words.split(' ')) IRREGULAR[w] = stem;
}
same('steal', 'steal steals stealing stole stolen theft thefts thief thieves');
same('break', 'break breaks breaking broke broken');
same('take', 'take takes taking took taken');
same('beat', 'beat beats beating beaten');
same('throw', 'throw throws throwing threw thrown');
same('strike', 'strike strikes striking struck');
same('flee', 'flee flees fleeing fled');
same('catch', 'catch catches catching caught');
same('fight', 'fight fights fighting fought');
same('sell', 'sell sells selling sold');
same('tell', 'tell tells telling told');
same('give', 'give gives giving gave given');
same('run', 'run runs running ran');
same('hit', 'hit hits hitting');
same('death', 'die dies died dying dead death deaths');
same('burn', 'burn burns burning burnt burned');
same('threat', 'threat threats threaten threatens threatened threatening');
same('rob', 'rob robs robbed robbing robbery robberies robber robbers');
same('forg', 'forge forges forged forging forgery forgeries forger');
same('cheat', 'cheat cheats cheated cheating cheater cheaters');
same('murder', 'murder murders murdered murdering murderer murderers');
same('kidnap', 'kidnap kidnaps kidnapped kidnapping kidnapper kidnappers');
same('abduct', 'abduct abducts abducted abducting abduction abductor');
same('stalk', 'stalk stalks stalked stalking stalker');
same('snatch', 'snatch snatches snatched snatching snatcher snatchers');
same('harass', 'harass harasses harassed harassing harassment');
same('neglig', 'negligence negligent negligently');
same('injur', 'injure injures injured injuring injury injuries');
same('woman', 'woman women');
same('man', 'man men');
same('child', 'child children');
same('person', 'person persons people');
same('knife', 'knife knives');
same('wife', 'wife wives');
same('restrain', 'restrain restrains restrained restraining restraint');
same('marry', 'marry marries married marrying marriage marriages');
same('neighbour', 'neighbour neighbours neighbor neighbors');
same('jewel', 'jewel jewels jewellery jewelry');
same('licence', 'licence license licences licenses');
same('fraud', 'fraud frauds fraudulent fraudulently fraudster fraudsters');
same('defam', 'defame defamed defaming defamation defamatory');
same('suicid', 'suicide suicides suicidal');
same('molest', 'molest molested molesting molestation');
same('impersonat', 'impersonate impersonates impersonated impersonating impersonation personation personating');

const STOP = new Set(
  ('a an the of to in on at by for with from into onto upon about as and or but so if then than that this these those there here ' +
    'is am are was were be been being do does did done has have had having shall should can could may might must ' +
    'i me my mine myself we us our ours you your he him his himself she her hers herself it its itself they them their theirs ' +
    'themselves who whom whose which what when where while also very just only even still too again some any each every such ' +
    'same own up out over after before since till until because'
  ).split(' '),
);
const NEGATORS = new Set(
  "not never no nor neither without didn't don't doesn't wasn't weren't isn't hasn't haven't hadn't won't wouldn't couldn't cannot can't nothing didnt dont".split(' '),
);
const NEGATION_REACH = 3; // words after "not" that it negates: "did not even threaten"

/** The stem of one lower-case word. */
export function stemWord(word: string): string {
  if (/^\d[\d,.]*$/.test(word)) return word.replace(/,/g, '');
  const w = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || /\d/.test(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (/(?:ch|sh|x)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('ation') && s.length > 8) s = s.slice(0, -5);
  else if (/(?:ated|ating)$/.test(s) && s.length > 7) s = s.slice(0, -4);
  else if (s.endsWith('ate') && s.length >= 7) s = s.slice(0, -3);
  else if (s.endsWith('ied') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('ed') && !s.endsWith('eed') && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ment') && s.length > 7) s = s.slice(0, -4);
  else if (s.endsWith('ly') && s.length > 5) s = s.slice(0, -2);
  if (/([bdgmnprt])\1$/.test(s)) s = s.slice(0, -1); // robbed → robb → rob
  if (s.endsWith('e') && s.length > 3) s = s.slice(0, -1);
  return s;
}

export type Token = {
  stem: string;
  /** the stem, prefixed with "¬" under a negation: what phrases are matched on */
  key: string;
  start: number;
  end: number;
  /** under a "not"/"never"/"without" in the same clause */
  negated: boolean;
};

// Numbers keep their grouping ("45,000" is one token, not "45" and "000")
const WORD_RE = /\d+(?:[,.]\d+)*|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Content tokens (stop words dropped) of a text, with offsets and negation marks. */
export function contentTokens(text: string): Token[] {
  const out: Token[] = [];
  let reach = 0;
  let lastEnd = 0;
  WORD_RE.lastIndex = 0;
  // Lower-case per word, not the whole text: toLowerCase can change a string's length ("İ"), which would shift offsets
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    const word = m[0].toLowerCase();
    // A clause break (punctuation or "but") ends a negation's reach
    if (/[.,;:!?]/.test(text.slice(lastEnd, m.index)) || word === 'but') reach = 0;
    lastEnd = m.index + m[0].length;
    const abbreviation = word === 'no' && text[lastEnd] === '.'; // "bus no. 201", "Sy. No. 45"
    if (NEGATORS.has(word.replace('’', "'")) && !abbreviation) {
      reach = NEGATION_REACH;
      continue;
    }
    const negated = reach > 0;
    if (reach > 0) reach--;
    if (STOP.has(word)) continue;
    const stem = stemWord(word);
    out.push({ stem, key: negated ? `¬${stem}` : stem, start: m.index, end: lastEnd, negated });
  }
  return out;
}

/**
 * The match keys of a keyword or title phrase, stop words dropped ("broke the lock" →
 * ["break", "lock"]; "did not let me go" → ["¬let", "¬go"]), so a negated narrative
 * word matches only a negated keyword.
 */
export function phraseKeys(phrase: string): string[] {
  return contentTokens(phrase).map((t) => t.key);
}
