// The process entry. One Node HTTP server: /api/* goes to the Fastify fast path
// (server/http), everything else to Next.js for pages. A Next route handler costs
// ~30x more per request on this machine than the fast path (docs/performance.md).
//
//   tsx server/main.ts          production (needs `next build` first); npm run serve adds
//                               --import ./server/observability/tracing.ts, which must load first
//   tsx server/main.ts --dev    Next dev mode with hot reload
import next from 'next';
import { env, topology } from './env';
import { disconnectAll, failover, startDataLayer, stopDataLayer } from './data';
import { localStackHooks } from './data/local-failover';
import { resyncLocalReplica } from './data/local-resync';
import { setResyncRunner } from './data/replicas-console';
import { createHttpServer } from './http';
import { logger } from './observability';
import { overviewSampler } from './observability/overview';
import { shutdownTracing } from './observability/tracing';
import { redis, warmCache } from './cache';
import { installInsights } from './insights';
import { closeQueues } from './jobs';

const dev = process.argv.includes('--dev');

async function main(): Promise<void> {
  await installInsights(); // statement capture (INSIGHTS_CAPTURE=off leaves it out)
  const nextApp = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await nextApp.prepare();
  const nextHandler = nextApp.getRequestHandler();
  if (topology.local) failover.hooks = localStackHooks; // failover records, fences and rejoins through the stack manager
  await startDataLayer(); // managed topology, pre-warmed pools and the database health monitor (server/data)
  if (topology.local) setResyncRunner(resyncLocalReplica); // the console's resync drives the local stack
  const { app, server } = await createHttpServer((req, res) => void nextHandler(req, res));
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  logger.info({ url: `http://${env.HOST}:${env.PORT}`, dev }, 'AFIRGen Ops is listening');
  // The console's overview keeps its own 15 minutes of readings: start them now, not at the first visit.
  overviewSampler.start();
  // Warm the cache in the background (CACHE_WARM): requests are served meanwhile.
  const warmers = env.CACHE_WARM.split(',').map((s) => s.trim()).filter(Boolean);
  if (warmers.length) void warmCache(warmers).then((report) => logger.info({ report }, 'cache warmed'), (err: unknown) => logger.warn({ err }, 'cache warming failed'));

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeIdleConnections();
    // Give in-flight requests a moment, then close clients and leave.
    setTimeout(() => {
      stopDataLayer();
      void Promise.allSettled([app.close(), disconnectAll(), redis.quit(), closeQueues(), nextApp.close(), shutdownTracing()]).then(() => process.exit(0));
    }, 200).unref();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
});
