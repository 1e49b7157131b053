// BullMQ's Redis connections and the queues, one per process (remember). BullMQ gets
// its own connections, never the cache's client: a worker's blocking connection needs
// `maxRetriesPerRequest: null` (wait out a Redis blip instead of failing the job),
// while a producer in the web process should fail fast so a request is not held up.
import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { topology } from '../env';
import { remember } from '../lib';
import { BACKOFF_TYPE } from './backoff';
import { jobsConfig } from './config';
import { QUEUES, type TQueueName } from './contracts';

/** A connection for a worker (blocking commands; waits for Redis rather than failing). */
export function workerConnection(): Redis {
  const r = new Redis(topology.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 200, 2000) });
  r.on('error', () => {}); // reconnects are logged by the worker's own events
  return r;
}

/** The producers' shared connection: commands fail after one retry instead of queueing forever. */
const producerConnection = remember('jobs:producer-connection', () => {
  const r = new Redis(topology.redisUrl, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  r.on('error', () => {});
  return r;
});

export const defaultJobOptions = {
  attempts: jobsConfig.retries + 1,
  backoff: { type: BACKOFF_TYPE },
  // Keep finished jobs for the console (a day, bounded), failed ones for a week.
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

// Keyed by prefix too: a test file with its own JOBS_PREFIX never gets another's queue.
const queues = remember('jobs:queues', () => new Map<string, Queue>());

/** The queue of that name (made on first use). */
export function queueOf(name: TQueueName): Queue {
  const key = `${jobsConfig.prefix}:${name}`;
  let q = queues.get(key);
  if (!q) {
    q = new Queue(name, {
      connection: producerConnection as unknown as ConnectionOptions,
      prefix: jobsConfig.prefix,
      defaultJobOptions,
    });
    q.on('error', () => {}); // an unreachable Redis surfaces as the failing call's error
    queues.set(key, q);
  }
  return q;
}

export const allQueues = (): Queue[] => QUEUES.map(queueOf);

/** Closes the queues and the producers' connection (process shutdown, tests). */
export async function closeQueues(): Promise<void> {
  await Promise.allSettled([...queues.values()].map((q) => q.close()));
  queues.clear();
  producerConnection.disconnect();
}
