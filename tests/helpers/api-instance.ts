// A second app instance for tests: the real /api server in its own process (its own
// L1, its own Redis connections and pub/sub subscription), on an ephemeral port. Prints
// {"port": n} once listening; exits on SIGTERM.
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../server/http';
import { cache } from '../../server/cache';

const { app, server } = await createHttpServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
// Ready only once it hears invalidations, as a deployed instance would be after start.
const deadline = Date.now() + 10_000;
while (!cache.isListening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, listening: cache.isListening })}\n`);
process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
