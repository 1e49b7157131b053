// GET /api/v1/sections: search the BNS knowledge base by words or section number.
import { readDb } from '../../data';
import { searchSections } from '../../fir';
import { toWire } from './case-map';
import { ZSearchSectionsQuery, ZSectionList } from './section-contracts';
import { withApiKey } from './with-api-key';

export const searchSectionsRoute = withApiKey({
  method: 'GET',
  path: '/sections',
  operationId: 'searchSections',
  tag: 'BNS sections',
  summary: 'Search BNS sections',
  description: 'Ranked full-text search over the Bharatiya Nyaya Sanhita; an exact section number comes first.',
  query: ZSearchSectionsQuery,
  response: ZSectionList,
  handler: async ({ query }) => ({ data: toWire(await searchSections(readDb, query.q, query.limit)) }),
});
