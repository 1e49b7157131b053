// Cue rules for offences affecting the body: death on the road (106(1), 281) vs
// murder, culpable homicide after a sudden quarrel, attempt to murder, hurt by weapon
// or grievous hurt, and abetment of suicide.
import { DEATH, DRIVING, GRIEVOUS, ROAD_IMPACT, VEHICLE, WEAPON, type CueRule } from './cue-vocabulary';

export const HOMICIDE_RULES: CueRule[] = [
  // A death on the road is causing death by negligence (106(1)), with rash driving (281)
  (f, out) => {
    const road = VEHICLE.test(f.text) && DRIVING.test(f.text) && f.said(ROAD_IMPACT);
    if (!road) return;
    if (DEATH.test(f.text)) {
      out.boost('106(1)', 4, 'death caused by rash or negligent driving'); // the death is the main offence
      out.damp('103(1)', 0.3);
      out.damp('105', 0.5);
    } else if (f.said(GRIEVOUS)) out.boost('125(b)', 3, 'grievous hurt by rash or negligent driving');
    else out.boost('125(a)', 2.5, 'hurt by rash or negligent driving');
    out.boost('281', 2.5, 'rash driving on a public way');
    out.damp('115(2)', 0.5);
    out.damp('117(2)', 0.5);
  },
  // Death after a sudden quarrel without intent: culpable homicide not amounting to murder
  (f, out) => {
    if (!DEATH.test(f.text)) return;
    if (f.said(/\b(?:sudden (?:quarrel|fight)|heat of passion|in anger|no previous enmity|no enmity|did not intend|without intention|single blow|pushed|fell and hit)\b/) && !f.said(/\b(?:stabbed|shot|strangled|hacked|poisoned|said he would kill|came with a (?:knife|sword|gun|axe))\b/)) {
      out.boost('105', 3, 'death in a sudden quarrel without intent to kill');
      out.damp('103(1)', 0.5);
    } else if (f.said(/\b(?:stabbed|shot|strangled|hacked|poisoned|killed|murdered|beat (?:him|her) to death|would kill|to kill)\b/) && !VEHICLE.test(f.text)) {
      out.boost('103(1)', 2.5, 'intentional killing');
    }
  },
  // An attempt to kill that the victim survived
  (f, out) => {
    if (DEATH.test(f.text)) return;
    if (f.said(/\b(?:tried to kill|attempt\w* to (?:kill|murder)|tried to (?:set|burn|strangle|run over|push)|poured (?:petrol|kerosene|diesel)|set (?:me|him|her) on fire|intention (?:of|to) kill\w*|will kill|would kill|shot at|fired at|stabbed)\b/) && f.said(/\b(?:kill|murder|fire|burn|petrol|kerosene|stab\w*|shot|fired|strangl\w*)\b/)) {
      out.boost('109(1)', 3, 'an attempt to kill');
      out.damp('351(3)', 0.6);
    }
  },
  // Hurt: by a dangerous weapon (118), grievous (117/118(2)), or simple (115(2))
  (f, out) => {
    if (!f.said(/\b(?:attacked|assaulted|hit|beat|beaten|slapped|punched|kicked|stabbed|struck|injured|pushed)\b/)) return;
    if ((VEHICLE.test(f.text) && DRIVING.test(f.text)) || DEATH.test(f.text)) return; // the death/road rules cover these
    const weapon = f.said(WEAPON);
    const grievous = f.said(GRIEVOUS);
    if (weapon && grievous) {
      out.boost('118(2)', 3, 'grievous hurt with a dangerous weapon');
      out.damp('118(1)', 0.7);
      out.damp('117(2)', 0.7);
    } else if (weapon) out.boost('118(1)', 2, 'hurt with a dangerous weapon');
    else if (grievous) out.boost('117(2)', 2, 'grievous hurt');
    else out.boost('115(2)', 1.5, 'voluntarily causing hurt');
  },
  // Abetment of suicide: a suicide driven by someone's harassment
  (f, out) => {
    if (!f.said(/\b(?:suicide|hanged (?:himself|herself)|consumed poison|ended (?:his|her) life|took (?:his|her) own life|jumped (?:into|from|in front))\b/)) return;
    if (!f.said(/\b(?:harass\w*|torture\w*|threat\w*|abused|humiliat\w*|suicide note|because of|due to)\b/)) return;
    out.boost('108', 3, 'suicide driven by harassment');
    out.damp('103(1)', 0.3);
  },
];

