// GET /api/v1/firs: a page of FIRs the key may see, newest first, with the total.
import { db, readDb } from '../../data';
import { countFirs, listFirs } from '../../fir';
import { toWire } from './case-map';
import { pickFields } from './common-contracts';
import { ZFirList, ZListFirsQuery } from './fir-contracts';
import { withApiKey } from './with-api-key';

export const listFirsRoute = withApiKey({
  method: 'GET',
  path: '/firs',
  operationId: 'listFirs',
  tag: 'FIRs',
  summary: 'List FIRs',
  description:
    'FIRs the key may see (its station, or all for an all-station key), newest first, filtered. ' +
    'Cursor pagination: pass `next_cursor` as `cursor` until `has_more` is false.',
  query: ZListFirsQuery,
  response: ZFirList,
  // The page from a replica; the total through the shared cache, whose fills read the
  // primary (docs/data-layer.md).
  handler: async ({ actor, query: { fields, cursor, ...filters } }) => {
    const [page, total] = await Promise.all([listFirs(readDb, actor, { ...filters, cursor }), countFirs(db, actor, filters)]);
    return {
      data: page.items.map((item) => pickFields(toWire(item), fields)),
      pagination: { total_count: total, page_size: filters.limit, next_cursor: page.nextCursor, has_more: page.hasMore },
    };
  },
});
