// The FIR endpoints' contracts in the API's snake_case. Requests reuse the FIR
// domain's own schemas (server/fir/schemas.ts), renamed key by key and piped into
// the service contract, so every limit and rule is the service's. Responses are
// described here in zod for the OpenAPI document; a compile-time check below fails
// when the service's views and these descriptions disagree on field names.
import { z } from 'zod';
import {
  ZAccused,
  ZCreateDraftInput,
  ZFirId,
  ZFirStatus,
  ZListFirsInput,
  ZProperty,
  type TFirDetail,
  type TFirListItem,
} from '../../fir';
import { camelKeys, snakeShape, type Wire } from './case-map';
import { fieldsParam, keysOf, ZDateTime, ZPagination } from './common-contracts';

const nullableText = z.string().nullable();

// ---- responses ----

export const ZFirListItem = z
  .object({
    id: z.uuid(),
    number: nullableText.meta({ description: 'station sequence/year, e.g. "0078/2026"; null while a draft' }),
    status: ZFirStatus,
    station_id: z.number().int(),
    station_code: z.string(),
    district: z.string(),
    complainant_name: z.string(),
    narrative_excerpt: z.string().meta({ description: 'the first 240 characters of the narrative' }),
    reported_at: ZDateTime,
    registered_at: ZDateTime.nullable(),
    created_at: ZDateTime,
    sections: z.array(z.string()).meta({ description: 'e.g. ["BNS 303(2)"]' }),
  })
  .strict();

export const ZFirList = z.object({ data: z.array(ZFirListItem), pagination: ZPagination }).strict();

const ZFirEvent = z
  .object({
    at: ZDateTime,
    action: z.string().meta({ description: 'created, updated, registered, status_changed…' }),
    from_status: ZFirStatus.nullable(),
    to_status: ZFirStatus.nullable(),
    actor: z.string().meta({ description: 'the officer, the API key, or "system"' }),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }).strict()),
  })
  .strict();

export const ZFirDetail = z
  .object({
    id: z.uuid(),
    number: nullableText.meta({ description: 'station sequence/year, e.g. "0078/2026"; null while a draft' }),
    status: ZFirStatus,
    station: z.object({ id: z.number().int(), code: z.string(), name: z.string(), district: z.string(), state: z.string() }).strict(),
    district: z.string(),
    reported_at: ZDateTime,
    occurred_from: ZDateTime.nullable(),
    occurred_to: ZDateTime.nullable(),
    place_address: nullableText,
    place_distance_km: z.number().nullable(),
    place_direction: nullableText,
    beat_no: nullableText,
    information_type: z.enum(['written', 'oral']),
    complainant_name: z.string(),
    complainant_relative_name: nullableText,
    complainant_dob: z.iso.date().nullable(),
    complainant_nationality: z.string(),
    complainant_id_type: nullableText,
    complainant_id_number: nullableText,
    complainant_occupation: nullableText,
    complainant_address: nullableText,
    complainant_phone: nullableText,
    complainant_email: nullableText,
    accused: z.array(ZAccused),
    properties: z.array(ZProperty),
    properties_total: z.number().meta({ description: 'rupees, the sum of the known property values' }),
    delay_reason: nullableText,
    narrative: z.string(),
    action_taken: nullableText,
    investigating_officer: z.object({ id: z.uuid(), name: z.string(), rank: nullableText }).strict().nullable(),
    created_by: z.object({ id: z.uuid(), name: z.string() }).strict(),
    registered_at: ZDateTime.nullable(),
    created_at: ZDateTime,
    updated_at: ZDateTime,
    sections: z.array(z.object({ act: z.string(), section: z.string(), title: nullableText }).strict()),
    events: z.array(ZFirEvent).meta({ description: 'the audit trail, oldest first' }),
  })
  .strict();

// The service views and the documented responses name the same fields (compile time).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const listItemKeysMatch: SameKeys<Wire<TFirListItem>, z.output<typeof ZFirListItem>> = true;
const detailKeysMatch: SameKeys<Wire<TFirDetail>, z.output<typeof ZFirDetail>> = true;
void [listItemKeysMatch, detailKeysMatch];

export const FIR_LIST_FIELDS = keysOf(ZFirListItem);
export const FIR_DETAIL_FIELDS = keysOf(ZFirDetail);

// ---- requests ----

export const ZFirIdParams = ZFirId;

const list = ZListFirsInput.shape;

/** The service's own contract (limits, from ≤ to) checks the renamed query once more. */
const ZListFirsTarget = ZListFirsInput.safeExtend({ fields: z.array(z.string()).nullable() });

export const ZListFirsQuery = z
  .object({
    cursor: list.cursor.meta({ description: 'the next_cursor of the previous page' }),
    page_size: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'FIRs per page' }), // the service's own bound
    status: list.status,
    from: list.from.meta({ description: 'reported on or after this Indian calendar day (YYYY-MM-DD)' }),
    to: list.to.meta({ description: 'reported on or before this Indian calendar day (YYYY-MM-DD)' }),
    section: list.section.meta({ description: 'a BNS section, e.g. 303 (also matches 303(2))' }),
    q: list.q.meta({ description: 'full-text search over complainant and narrative, or a FIR number like 0078/2026' }),
    station_id: z.coerce.number().int().positive().optional().meta({ description: 'only for keys not tied to a station' }),
    fields: fieldsParam(FIR_LIST_FIELDS),
  })
  .strict()
  .transform(({ page_size, station_id, fields, ...rest }): z.input<typeof ZListFirsTarget> => ({ ...rest, limit: page_size, stationId: station_id, fields }))
  .pipe(ZListFirsTarget);

export const ZGetFirQuery = z.object({ fields: fieldsParam(FIR_DETAIL_FIELDS) }).strict();

export const ZCreateFirBody = z
  .object(snakeShape(ZCreateDraftInput.shape))
  .strict()
  .meta({
    description: 'A draft FIR: narrative and complainant_name are required, every other FIR field may be given.',
    examples: [
      {
        complainant_name: 'Asha Verma',
        complainant_phone: '+91 98450 12345',
        narrative: 'On 10 January 2026 at about 7 pm my scooter KA-01-AB-1234 was stolen from outside the City Railway Station.',
        occurred_from: '2026-01-10T18:30:00+05:30',
        place_address: 'City Railway Station, Platform Road',
        properties: [{ description: 'Honda Activa KA-01-AB-1234', value: 65000 }],
        sections: [{ act: 'BNS', section: '303(2)' }],
      },
    ],
  })
  .transform((body) => camelKeys(body) as z.input<typeof ZCreateDraftInput>)
  .pipe(ZCreateDraftInput);

export const ZRegisterFirBody = z.object({}).strict().optional().meta({ description: 'no body, or {}' });
