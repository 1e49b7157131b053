// The BNS section search endpoint's contracts, in the API's snake_case; the query
// reuses the knowledge base's own limits (server/fir/schemas.ts).
import { z } from 'zod';
import { ZSearchSectionsInput, type SectionHit } from '../../fir';
import type { Wire } from './case-map';
import { fieldsParam, keysOf } from './common-contracts';

export const ZSectionHit = z
  .object({
    section: z.string().meta({ description: 'e.g. "303(2)"' }),
    title: z.string(),
    chapter_title: z.string(),
    description: z.string(),
    punishment: z.string(),
    cognizable: z.string(),
    bailable: z.string(),
    triable_by: z.string(),
    ipc: z.string().nullable().meta({ description: 'the corresponding IPC section, if any' }),
    rank: z.number().meta({ description: 'relevance; an exact section number ranks first' }),
  })
  .strict();

export const SECTION_FIELDS = keysOf(ZSectionHit);

export const ZSearchSectionsQuery = z
  .object({
    q: ZSearchSectionsInput.shape.q.meta({ description: 'words to look for, or a section number like 303', examples: ['theft'] }),
    limit: z.coerce.number().int().min(1).max(50).default(10).meta({ description: 'hits to return' }), // the service's own bound
    cursor: z.string().max(200).optional().meta({ description: 'the next_cursor of the previous page' }),
    fields: fieldsParam(SECTION_FIELDS, 'section'),
  })
  .strict();

export const ZSectionPagination = z
  .object({
    page_size: z.number().int().min(1).max(50),
    next_cursor: z.string().nullable().meta({ description: 'pass as `cursor` for the next page; null on the last page' }),
    has_more: z.boolean(),
  })
  .strict();

export const ZSectionList = z.object({ data: z.array(ZSectionHit), pagination: ZSectionPagination }).strict();

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const sectionKeysMatch: SameKeys<Wire<SectionHit>, z.output<typeof ZSectionHit>> = true;
void sectionKeysMatch;
