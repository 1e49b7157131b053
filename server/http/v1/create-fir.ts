// POST /api/v1/firs: files a draft FIR from a narrative (registration is a separate step).
import { db } from '../../data';
import { createDraft } from '../../fir';
import { toWire } from './case-map';
import { ZCreateFirBody, ZFirDetail } from './fir-contracts';
import { V1_PREFIX, withApiKey } from './with-api-key';

export const createFirRoute = withApiKey({
  method: 'POST',
  path: '/firs',
  operationId: 'createFir',
  tag: 'FIRs',
  summary: 'Create a draft FIR',
  description:
    'Creates a draft at the key\'s station (an all-station key must give station_id). BNS sections must exist in the ' +
    'knowledge base; an unknown one is a 400 naming it. Nothing is written when the request is refused.',
  body: ZCreateFirBody,
  status: 201,
  response: ZFirDetail,
  errors: [403, 413, 415],
  location: (fir) => `${V1_PREFIX}/firs/${fir.id}`,
  handler: async ({ actor, body }) => toWire(await createDraft(db, actor, body)),
});
