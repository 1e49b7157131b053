// Loading one FIR for a page: a missing FIR (or another station's, which the API
// reports the same way) is the 404 page; anything else is left to the page to show.
import 'server-only';
import { notFound } from 'next/navigation';
import { getQueryClient, trpc } from '../_trpc/server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadFir(id: string) {
  if (!UUID.test(id)) notFound();
  try {
    return await getQueryClient().fetchQuery(trpc.fir.byId.queryOptions({ id }));
  } catch (err) {
    // By code, not instanceof: the error class may come from another bundle's copy.
    if ((err as { code?: unknown } | null)?.code === 'NOT_FOUND') notFound();
    return null;
  }
}
