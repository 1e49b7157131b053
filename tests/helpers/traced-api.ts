// The /api fast path in a process of its own, started the way the app is
// (`node --import tsx --import ./server/observability/tracing.ts …`), for the tracing
// test: it logs its port as a JSON line and serves until killed.
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../server/http';
import { logger } from '../../server/observability';
import { shutdownTracing } from '../../server/observability/tracing';

const { server } = await createHttpServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
logger.info({ port: (server.address() as AddressInfo).port }, 'traced api listening');
process.on('SIGTERM', () => {
  void shutdownTracing().then(() => process.exit(0));
});
