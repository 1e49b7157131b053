// Contracts of the FIR domain, shared by tRPC, the public REST API (and its OpenAPI
// document) and the UI. Limits carry their reason; every object is strict, so an
// unknown field is an error rather than silently dropped.
import { z } from 'zod';

export const FIR_STATUSES = ['draft', 'registered', 'under_investigation', 'chargesheeted', 'closed'] as const;
export const ZFirStatus = z.enum(FIR_STATUSES);
export type TFirStatus = z.infer<typeof ZFirStatus>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullish();

export const ZAccused = z
  .object({
    known: z.boolean(),
    name: optionalText(200),
    alias: optionalText(200),
    address: optionalText(500),
    description: optionalText(1000), // appearance, vehicle, what they did
  })
  .strict();
export type TAccused = z.infer<typeof ZAccused>;

export const ZProperty = z
  .object({
    description: text(300),
    value: z.number().nonnegative().max(1e12).nullable(), // rupees; null when not known
  })
  .strict();
export type TProperty = z.infer<typeof ZProperty>;

/** "303(2)" etc.; other acts than BNS may be given as "IT Act 66C". */
export const ZSectionRef = z
  .object({
    act: z.string().trim().min(2).max(40).default('BNS'),
    section: z.string().trim().regex(/^[0-9]{1,3}[A-Z]?(\([0-9]+\))?(\([a-z]\))?$/, 'a section number like 303 or 303(2)'),
  })
  .strict();
export type TSectionRef = z.infer<typeof ZSectionRef>;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** The FIR's editable fields (IIF-I). All optional here; registration checks what it needs. */
export const ZFirFields = z
  .object({
    occurredFrom: isoDateTime.nullish(),
    occurredTo: isoDateTime.nullish(),
    placeAddress: optionalText(1000),
    placeDistanceKm: z.number().nonnegative().max(10_000).nullish(),
    placeDirection: optionalText(20),
    beatNo: optionalText(40),
    informationType: z.enum(['written', 'oral']).optional(),
    complainantName: text(200).optional(),
    complainantRelativeName: optionalText(200),
    complainantDob: isoDate.nullish(),
    complainantNationality: text(60).optional(),
    complainantIdType: optionalText(40),
    complainantIdNumber: optionalText(60),
    complainantOccupation: optionalText(100),
    complainantAddress: optionalText(1000),
    complainantPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,18}$/, 'a phone number')
      .nullish(),
    complainantEmail: z.email('an email address').max(254).nullish(), // where notifications go (server/jobs)
    accused: z.array(ZAccused).max(50).optional(), // a mob is described, not listed
    properties: z.array(ZProperty).max(100).optional(),
    delayReason: optionalText(2000),
    narrative: z.string().trim().min(10).max(20_000).optional(), // a long complaint, not a document dump
    actionTaken: optionalText(4000),
    investigatingOfficerId: z.uuid().nullish(),
    sections: z.array(ZSectionRef).max(30).optional(),
  })
  .strict();
export type TFirFields = z.infer<typeof ZFirFields>;

function occurrenceInOrder(v: { occurredFrom?: string | null; occurredTo?: string | null }): boolean {
  return !v.occurredFrom || !v.occurredTo || Date.parse(v.occurredTo) >= Date.parse(v.occurredFrom);
}
const OCCURRENCE_ORDER = { message: 'occurredTo must not be before occurredFrom', path: ['occurredTo'] };

export const ZCreateDraftInput = ZFirFields.extend({
  complainantName: text(200),
  narrative: z.string().trim().min(10).max(20_000),
  /** admins and all-station API keys say which station; an officer's is their own */
  stationId: z.number().int().positive().optional(),
}).refine(occurrenceInOrder, OCCURRENCE_ORDER);
export type TCreateDraftInput = z.infer<typeof ZCreateDraftInput>;

export const ZUpdateDraftInput = ZFirFields.extend({ id: z.uuid() }).refine(occurrenceInOrder, OCCURRENCE_ORDER);
export type TUpdateDraftInput = z.infer<typeof ZUpdateDraftInput>;

export const ZFirId = z.object({ id: z.uuid() }).strict();

export const ZTransitionInput = z
  .object({
    id: z.uuid(),
    to: z.enum(['under_investigation', 'chargesheeted', 'closed']),
    note: optionalText(2000),
  })
  .strict();
export type TTransitionInput = z.infer<typeof ZTransitionInput>;

export const ZListFirsInput = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(20), // a page the list can render
    status: ZFirStatus.optional(),
    from: isoDate.optional(), // reported on or after (IST date)
    to: isoDate.optional(), // reported on or before (IST date)
    section: z.string().trim().max(20).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    stationId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '"from" must not be after "to"', path: ['to'] });
export type TListFirsInput = z.infer<typeof ZListFirsInput>;

export const ZSearchSectionsInput = z
  .object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(10) })
  .strict();

export const ZDraftFromNarrativeInput = z.object({ narrative: z.string().trim().min(10).max(20_000) }).strict();

/** Legal status changes, besides draft → registered (which numbers the FIR). */
export const TRANSITIONS: Record<TFirStatus, readonly TFirStatus[]> = {
  draft: ['registered'],
  registered: ['under_investigation'],
  under_investigation: ['chargesheeted', 'closed'],
  chargesheeted: [],
  closed: [],
};
