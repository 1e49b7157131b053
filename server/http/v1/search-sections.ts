// GET /api/v1/sections: search the BNS knowledge base by words or section number.
import { readDb } from '../../data';
import { searchSectionsPage } from '../../fir';
import { toWire } from './case-map';
import { pickFields } from './common-contracts';
import { ZSearchSectionsQuery, ZSectionList } from './section-contracts';
import { withApiKey } from './with-api-key';

export const searchSectionsRoute = withApiKey({
  method: 'GET',
  path: '/sections',
  operationId: 'searchSections',
  tag: 'BNS sections',
  summary: 'Search BNS sections',
  description:
    'Ranked full-text search over the Bharatiya Nyaya Sanhita; an exact section number comes first. ' +
    'Cursor pagination: pass `next_cursor` as `cursor` until `has_more` is false.',
  query: ZSearchSectionsQuery,
  response: ZSectionList,
  cacheControl: 'private, max-age=3600', // the knowledge base changes only by migration
  handler: async ({ query }) => {
    const page = await searchSectionsPage(readDb, query.q, query.limit, query.cursor);
    return {
      data: page.items.map((hit) => pickFields(toWire(hit), query.fields)),
      pagination: { page_size: query.limit, next_cursor: page.nextCursor, has_more: page.hasMore },
    };
  },
});
