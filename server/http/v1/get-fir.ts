// GET /api/v1/firs/{id}: one FIR in full; 404 alike for a missing FIR and another station's.
import { readDb } from '../../data';
import { getFirOrThrow } from '../../fir';
import { toWire } from './case-map';
import { pickFields } from './common-contracts';
import { ZFirDetail, ZFirIdParams, ZGetFirQuery } from './fir-contracts';
import { withApiKey } from './with-api-key';

export const getFirRoute = withApiKey({
  method: 'GET',
  path: '/firs/{id}',
  operationId: 'getFir',
  tag: 'FIRs',
  summary: 'Get a FIR',
  description: 'The full FIR with its sections and audit trail. A FIR of another station is answered 404, like a missing one.',
  params: ZFirIdParams,
  query: ZGetFirQuery,
  response: ZFirDetail,
  errors: [404],
  handler: async ({ actor, params, query }) => pickFields(toWire(await getFirOrThrow(readDb, actor, params.id)), query.fields),
});
