// Benchmark baseline only (`npm run bench -- http`): the same JSON as the API fast
// path's /api/bench/json, served by a Next.js route handler. Product API routes live
// on the fast path in server/http, never here.
import { BENCH_BODY } from '@/server/http/bench-payload';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response(BENCH_BODY, { headers: { 'content-type': 'application/json' } });
}
