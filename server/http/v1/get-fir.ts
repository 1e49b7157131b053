// GET /api/v1/firs/{id}: one FIR in full; 404 alike for a missing FIR and another station's.
// db, not readDb: the FIR is read through the shared cache, whose fills read the primary
// (docs/data-layer.md).
import { db } from '../../data';
import { getFirOrThrow, type TFirDetail } from '../../fir';
import { toWire } from './case-map';
import { pickFields } from './common-contracts';
import { ZFirDetail, ZFirIdParams, ZGetFirQuery } from './fir-contracts';
import { withApiKey } from './with-api-key';

// A FIR from L1 is the same object on every hit: its wire form is made once per object.
const wireForms = new WeakMap<TFirDetail, ReturnType<typeof toWire<TFirDetail>>>();
function wireOf(detail: TFirDetail) {
  let wire = wireForms.get(detail);
  if (!wire) wireForms.set(detail, (wire = toWire(detail)));
  return wire;
}

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
  // Private: station-scoped data. no-cache: keep it, but revalidate (ETag → 304) every time,
  // because a FIR can change at any moment.
  cacheControl: 'private, no-cache',
  handler: async ({ actor, params, query }) => pickFields(wireOf(await getFirOrThrow(db, actor, params.id)), query.fields),
});
