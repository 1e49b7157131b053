// The worker process: `npm run worker` (tsx server/jobs/worker-main.ts). Runs every
// queue's jobs, serves its own Prometheus metrics on WORKER_METRICS_PORT (/metrics,
// and /health), and on SIGTERM or SIGINT stops taking jobs, lets the running ones
// finish, and closes its connections. A worker killed outright (kill -9) leaves its
// jobs locked; when the lock lapses (WORKER_LOCK_MS) another worker, or this one
// restarted, takes them again (BullMQ's stalled-job check).
import http from 'node:http';
import { env } from '../env';
import { disconnectAll } from '../data';
import { redis } from '../cache';
import { logger, registry } from '../observability';
import { jobsConfig } from './config';
import { closeQueues } from './queues';
import { startWorkers } from './worker';
import { WORKER_EXTRAS } from './worker-extras';

function serveMetrics(port: number): http.Server | null {
  if (port === 0) return null;
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', pid: process.pid }));
    } else res.writeHead(404).end();
  });
  // Metrics are worth having, not worth refusing to work for: a taken port is logged.
  server.on('error', (err) => logger.error({ err, port }, 'worker metrics server not listening'));
  server.listen(port, env.HOST, () => logger.info({ url: `http://${env.HOST}:${port}/metrics` }, 'worker metrics'));
  return server;
}

async function main(): Promise<void> {
  const running = await startWorkers();
  const stops: (() => Promise<void>)[] = [];
  for (const extra of WORKER_EXTRAS) stops.push(await extra.start(running));
  const metrics = serveMetrics(jobsConfig.metricsPort);
  // Tests and scripts wait for this line on stdout.
  process.stdout.write(`worker ready pid=${process.pid}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'worker shutting down: finishing running jobs');
    setTimeout(() => {
      logger.error('worker did not stop within 30 s; leaving (its jobs run again elsewhere)');
      process.exit(1);
    }, 30_000).unref();
    void (async () => {
      await Promise.allSettled(stops.map((s) => s()));
      await running.close();
      metrics?.close();
      await Promise.allSettled([closeQueues(), disconnectAll(), redis.quit()]);
      logger.info('worker stopped');
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
