// The /api server alone (no Next.js), for benchmarks of API routes: server/http's
// createHttpServer on the port given, configured by the environment like the app.
import { createHttpServer } from '../../server/http';

const port = Number(process.argv[2]);
const { server } = await createHttpServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.on('SIGINT', () => process.exit(0)); // a normal exit, so --cpu-prof can write its profile
