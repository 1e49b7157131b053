// The FIR form's state (strings, as inputs hold them) and the conversions to and
// from what the API speaks: a draft from the drafter, a stored FIR, and the
// createDraft / updateDraft inputs. Blank optional fields become null (cleared).
import type { FirDraft } from '@/server/fir/drafting/types';
import type { TCreateDraftInput, TFirFields, TUpdateDraftInput } from '@/server/fir/schemas';
import type { FirDetail } from '@/components/trpc/types';
import { fromIstInput, toIstInput } from '@/components/ui/format';

export type SectionChoice = { act: string; section: string; title: string | null };
export type AccusedRow = { key: string; known: boolean; name: string; alias: string; address: string; description: string };
export type PropertyRow = { key: string; description: string; value: string };

export type FirFormValues = {
  stationId: string; // admins choose; officers file at their own station
  occurredFrom: string; // datetime-local, IST
  occurredTo: string;
  placeAddress: string;
  placeDistanceKm: string;
  placeDirection: string;
  beatNo: string;
  informationType: '' | 'written' | 'oral';
  complainantName: string;
  complainantRelativeName: string;
  complainantDob: string;
  complainantNationality: string;
  complainantIdType: string;
  complainantIdNumber: string;
  complainantOccupation: string;
  complainantAddress: string;
  complainantPhone: string;
  complainantEmail: string;
  accused: AccusedRow[];
  properties: PropertyRow[];
  delayReason: string;
  narrative: string;
  actionTaken: string;
  investigatingOfficerId: string; // '' = not assigned
  sections: SectionChoice[];
};

let keySeq = 0;
export const rowKey = () => `r${++keySeq}`;

export const emptyAccused = (): AccusedRow => ({ key: rowKey(), known: false, name: '', alias: '', address: '', description: '' });
export const emptyProperty = (): PropertyRow => ({ key: rowKey(), description: '', value: '' });

export function emptyValues(): FirFormValues {
  return {
    stationId: '',
    occurredFrom: '',
    occurredTo: '',
    placeAddress: '',
    placeDistanceKm: '',
    placeDirection: '',
    beatNo: '',
    informationType: 'written',
    complainantName: '',
    complainantRelativeName: '',
    complainantDob: '',
    complainantNationality: 'Indian',
    complainantIdType: '',
    complainantIdNumber: '',
    complainantOccupation: '',
    complainantAddress: '',
    complainantPhone: '',
    complainantEmail: '',
    accused: [],
    properties: [],
    delayReason: '',
    narrative: '',
    actionTaken: '',
    investigatingOfficerId: '',
    sections: [],
  };
}

/** The form prefilled from the drafter's findings and the officer's choices on the review step. */
export function valuesFromDraft(
  draft: FirDraft,
  base: { complainantName: string; stationId: string; sections: SectionChoice[] },
): FirFormValues {
  return {
    ...emptyValues(),
    stationId: base.stationId,
    complainantName: base.complainantName,
    narrative: draft.narrative,
    occurredFrom: toIstInput(draft.occurredFrom?.value),
    occurredTo: toIstInput(draft.occurredTo?.value),
    placeAddress: draft.places[0]?.value ?? '',
    complainantPhone: draft.phones[0]?.value ?? '',
    accused: draft.accused.map((a) => ({ ...emptyAccused(), known: a.known, name: a.name ?? '', description: a.description ?? '' })),
    properties: draft.properties.map((p) => ({ ...emptyProperty(), description: p.description, value: p.value === null ? '' : String(p.value) })),
    sections: base.sections,
  };
}

export function valuesFromDetail(fir: FirDetail): FirFormValues {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    stationId: String(fir.station.id),
    occurredFrom: toIstInput(fir.occurredFrom),
    occurredTo: toIstInput(fir.occurredTo),
    placeAddress: s(fir.placeAddress),
    placeDistanceKm: fir.placeDistanceKm === null ? '' : String(fir.placeDistanceKm),
    placeDirection: s(fir.placeDirection),
    beatNo: s(fir.beatNo),
    informationType: fir.informationType,
    complainantName: fir.complainantName,
    complainantRelativeName: s(fir.complainantRelativeName),
    complainantDob: s(fir.complainantDob),
    complainantNationality: fir.complainantNationality,
    complainantIdType: s(fir.complainantIdType),
    complainantIdNumber: s(fir.complainantIdNumber),
    complainantOccupation: s(fir.complainantOccupation),
    complainantAddress: s(fir.complainantAddress),
    complainantPhone: s(fir.complainantPhone),
    complainantEmail: s(fir.complainantEmail),
    accused: fir.accused.map((a) => ({
      key: rowKey(),
      known: a.known,
      name: s(a.name),
      alias: s(a.alias),
      address: s(a.address),
      description: s(a.description),
    })),
    properties: fir.properties.map((p) => ({ key: rowKey(), description: p.description, value: p.value === null ? '' : String(p.value) })),
    delayReason: s(fir.delayReason),
    narrative: fir.narrative,
    actionTaken: s(fir.actionTaken),
    investigatingOfficerId: fir.investigatingOfficer?.id ?? '',
    sections: fir.sections.map((x) => ({ act: x.act, section: x.section, title: x.title })),
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** A number typed into a box: null when blank, NaN when not a number (the form flags it). */
export function parseAmount(v: string): number | null {
  const t = v.replace(/[,\s₹]/g, '');
  if (!t) return null;
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
}

export function propertiesTotal(rows: PropertyRow[]): number {
  return rows.reduce((sum, r) => {
    const n = parseAmount(r.value);
    return n !== null && Number.isFinite(n) ? sum + n : sum;
  }, 0);
}

/** Problems the server would refuse anyway, caught before sending: field → message. */
export function clientErrors(v: FirFormValues): Record<string, string[]> {
  const e: Record<string, string[]> = {};
  if (v.placeDistanceKm.trim() && !(Number(v.placeDistanceKm) >= 0)) e.placeDistanceKm = ['Enter the distance in km, e.g. 2.5'];
  const badRows = v.properties.filter((p) => Number.isNaN(parseAmount(p.value)));
  if (badRows.length) e.properties = ['Values are rupees, digits only (e.g. 45000 or 1250.50)'];
  if (v.occurredFrom && v.occurredTo && v.occurredTo < v.occurredFrom) e.occurredTo = ['"To" must not be before "From"'];
  return e;
}

function fields(v: FirFormValues): TFirFields {
  const distance = v.placeDistanceKm.trim() ? Number(v.placeDistanceKm) : null;
  return {
    occurredFrom: fromIstInput(v.occurredFrom),
    occurredTo: fromIstInput(v.occurredTo),
    placeAddress: orNull(v.placeAddress),
    placeDistanceKm: distance,
    placeDirection: orNull(v.placeDirection),
    beatNo: orNull(v.beatNo),
    informationType: v.informationType || undefined,
    complainantName: v.complainantName.trim() || undefined,
    complainantRelativeName: orNull(v.complainantRelativeName),
    complainantDob: orNull(v.complainantDob),
    complainantNationality: v.complainantNationality.trim() || undefined,
    complainantIdType: orNull(v.complainantIdType),
    complainantIdNumber: orNull(v.complainantIdNumber),
    complainantOccupation: orNull(v.complainantOccupation),
    complainantAddress: orNull(v.complainantAddress),
    complainantPhone: orNull(v.complainantPhone),
    complainantEmail: orNull(v.complainantEmail),
    accused: v.accused.map((a) => ({
      known: a.known,
      name: orNull(a.name),
      alias: orNull(a.alias),
      address: orNull(a.address),
      description: orNull(a.description),
    })),
    // A row left completely empty is not a property.
    properties: v.properties
      .filter((p) => p.description.trim() || p.value.trim())
      .map((p) => ({ description: p.description.trim(), value: parseAmount(p.value) })),
    delayReason: orNull(v.delayReason),
    narrative: v.narrative.trim() || undefined,
    actionTaken: orNull(v.actionTaken),
    investigatingOfficerId: v.investigatingOfficerId || null,
    sections: v.sections.map((s) => ({ act: s.act, section: s.section })),
  };
}

export function toCreateInput(v: FirFormValues, isAdmin: boolean): TCreateDraftInput {
  return {
    ...fields(v),
    complainantName: v.complainantName.trim(),
    narrative: v.narrative.trim(),
    ...(isAdmin && v.stationId ? { stationId: Number(v.stationId) } : {}),
  };
}

export function toUpdateInput(id: string, v: FirFormValues): TUpdateDraftInput {
  return { id, ...fields(v) };
}
