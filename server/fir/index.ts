// The FIR domain: drafts, registration with race-free numbering, the status lifecycle
// with its audit trail, lists and search, and the BNS knowledge base.
export { createDraft } from './create-draft';
export { updateDraft } from './update-draft';
export { registerFir } from './register-fir';
export { transitionFir, canTransition } from './transition-fir';
export { getFirOrThrow } from './get-fir-or-throw';
export { firRecordKey, firWritten, FIRS_TAG } from './fir-cache';
export { firStats, type TFirStats } from './fir-stats';
import './warmers'; // registers the FIR domain's cache warmers
export { listFirs, countFirs, encodeCursor, decodeCursor } from './list-firs';
export { searchSections, searchSectionsPage, assertKnownSections, type SectionHit, type SectionPage } from './sections';
export { formatFirNumber, istYear } from './fir-number';
export { draftFromNarrative } from './draft-from-narrative';
export type { FirDraft, SectionSuggestion, Found } from './drafting';
export type { TFirDetail, TFirListItem } from './fir-views';
export * from './schemas';
