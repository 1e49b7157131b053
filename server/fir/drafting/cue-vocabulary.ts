// Shared vocabulary of the cue rules: the rule and output types and the regular
// expressions several rule files use (death, vehicles, weapons, break-ins, theft).
// FEMALE tells whether the complaint concerns a woman: the modesty sections need one.
// Patterns run on the lower-cased narrative.
import type { CueFacts } from './cue-facts';

export type CueOut = {
  boost(section: string, amount: number, why: string): void;
  damp(section: string, factor: number): void;
  /** add `section` at `relative` × the top score, below the main offence */
  companion(section: string, relative: number, why: string): void;
};
export type CueRule = (f: CueFacts, out: CueOut) => void;

export const DEATH = /\b(?:died|dead|killed|declared (?:him |her )?dead|succumbed|expired|passed away|lost (?:his|her) life|body (?:was )?found|found dead|murdered|to death|hanged (?:himself|herself))\b/;
export const VEHICLE = /\b(?:lorry|truck|bus|car|auto(?:rickshaw)?|autorickshaw|bike|motor ?cycle|scooter|scooty|tractor|tanker|van|jeep|vehicle|tempo|two-wheeler|cab|taxi)\b/;
export const DRIVING = /\b(?:driv\w*|drove|rode|riding|rider|accident|speeding|high speed|over-?speed\w*|hit (?:my|his|her|the|our) (?:scooter|bike|car|motorcycle|cycle|bicycle|vehicle|auto)|knocked (?:him|her|me) down|ran over|run over)\b/;
export const ROAD_IMPACT = /\b(?:rash(?:ly)?|negligen\w*|high speed|over-?speed\w*|wrong side|drunk(?:en)? driv\w*|ran over|run over|knocked|dashed|collided|hit)\b/;
export const GRIEVOUS = /\b(?:fractur\w*|broken (?:bone|arm|leg|hand|nose|teeth|jaw)|(?:bone|arm|leg|hand|nose|teeth|jaw|rib|collar ?bone) (?:is |was )?broken|broke (?:my|his|her) (?:\w+ )?(?:bone|arm|leg|hand|nose|jaw|teeth|rib)|teeth fell|head injury|stitches|deep (?:wound|cut)|lost (?:his |her |my )?(?:eye|tooth|teeth|hearing)|grievous\w*|unconscious|skull)\b/;
const WEAPON_WORDS = String.raw`(?:knife|knives|sword|swords|talwar|machete|sickle|axe|chopper|iron rods?|rods?|sticks?|lathis?|club|bat|gun|pistol|revolver|firearm|acid|blade|dagger|spear|stones?|bricks?|bottle)`;
/** A weapon used on someone ("with an iron rod", "armed with sticks", "stabbed"), not one merely present ("the stone step") */
export const WEAPON = new RegExp(String.raw`\b(?:(?:with|using|by)\s+(?:a|an|the|his|her|their|sharp)?\s*(?:\w+\s+)?${WEAPON_WORDS}|armed with|stabbed|shot (?:at|him|her|me)|threw (?:acid|stones|bricks))\b`);
export const DEADLY_WEAPON = /\b(?:knife|knives|sword|swords|talwar|machete|sickle|axe|chopper|gun|pistol|revolver|firearm|dagger|spear|iron rods?)\b/;
export const BUILDING = /\b(?:house|home|flat|shop|office|godown|residence|premises|farmhouse|room|temple|store|apartment|hut)\b/;
export const BREAK_IN = /\b(?:broke|broken|break|breaking|forced|cut|prised|pried|bent|removed)\s+(?:open\s+)?(?:the\s+|a\s+)?(?:\w+\s+){0,2}?(?:locks?|door|doors|shutter|window|grill|latch|roof|wall)\b|\b(?:locks?|door|shutter|window|grill)\s+(?:\w+\s+){0,3}?(?:(?:was|were|had been|is)\s+)?(?:found\s+)?(?:broken|forced open|cut)\b|\b(?:locks?|door|shutter|window|grill)\s+(?:\w+\s+){0,3}?(?:was|were|had been|is)\s+(?:found\s+)?open\b|\bbroke into\b|\bbreak-in\b|\bhouse-?breaking\b/;
/** Property taken from a person: the object matters, "we took him to hospital" is not it */
export const TAKING = /\b(?:robbed|looted|snatched|grabbed|decamped with|(?:forcibly )?took (?:away )?(?:my|his|her|our|the|all|their)\s+(?:\w+\s+){0,3}?(?:wallet|purse|bag|phone|mobile|chain|cash|money|gold|ornaments|jewel\w*|ring|watch|bike|scooter|car|keys|valuables|laptop|documents|cattle)|took away (?:gold|cash|ornaments|jewel\w*|valuables|money)|(?:wallet|purse|bag|phone|mobile|chain|cash|money|ornaments|jewel\w*|valuables) (?:was|were) (?:taken|grabbed))\b/;
export const THEFT = /\b(?:stole|stolen|steal\w*|theft|missing|took away|taken away|decamped|committed theft|looted|took|carried away)\b/;
export const FORCE = /\b(?:knife|gun|pistol|revolver|sword|weapon|rods?|sticks?|threatened|forcibly|by force|beat|beaten|attacked|assaulted|tied|pushed me|slapped|at knife-?point|at gun-?point|showed a knife|overpowered)\b/;

export const FEMALE = /\b(?:she|her|woman|women|girl|girls|lady|ladies|wife|daughter|sister|mother|dupatta|saree|sari|modesty|my husband|pregnant|breast|chunni|salwar|widow|whistle\w*|vulgar|obscene|sexual\w*)\b/;
