// Strong cue rules for the cases where keyword overlap alone misleads: snatching is
// not plain theft, a death on the road is not murder, a break-in at night is its own
// offence, a dowry death is not an ordinary suicide, a fake bank call is cheating by
// personation. Each rule boosts (adds to the raw score), damps (scales it) or adds a
// companion section (3(5) common intention) relative to the top suggestion. Section
// strings are the BNS sub-sections an FIR cites; a KB without that sub-section falls
// back to the parent (see resolveSection).
import { HOMICIDE_RULES } from './cue-rules-body';
import { PERSON_RULES } from './cue-rules-persons';
import { PROPERTY_RULES } from './cue-rules-property';
import type { CueRule } from './cue-vocabulary';

export type { CueOut, CueRule } from './cue-vocabulary';

export const CUE_RULES: readonly CueRule[] = [...PROPERTY_RULES, ...HOMICIDE_RULES, ...PERSON_RULES];
