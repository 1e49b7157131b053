// POST /api/v1/firs/{id}/register: numbers a draft ("0078/2026") and makes it registered.
import { db } from '../../data';
import { registerFir } from '../../fir';
import { toWire } from './case-map';
import { ZFirDetail, ZFirIdParams, ZRegisterFirBody } from './fir-contracts';
import { withApiKey } from './with-api-key';

export const registerFirRoute = withApiKey({
  method: 'POST',
  path: '/firs/{id}/register',
  operationId: 'registerFir',
  tag: 'FIRs',
  summary: 'Register a draft FIR',
  description:
    'Gives the draft the next number of its station and year (IST) and sets it registered. ' +
    '409 when the FIR is not a draft; 400 when it has no sections yet.',
  params: ZFirIdParams,
  body: ZRegisterFirBody,
  response: ZFirDetail,
  errors: [404, 409, 415],
  handler: async ({ actor, params }) => toWire(await registerFir(db, actor, params.id)),
});
