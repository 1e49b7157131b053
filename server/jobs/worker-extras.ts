// In-process extras the worker runs beside its queues: a loop or timer that is not a
// job (a job belongs in schedules.ts). Each starts when the worker is ready and
// returns its stop function, called on SIGTERM before the queues close. To add one,
// append a line to WORKER_EXTRAS.
import type { RunningWorkers } from './worker';

export type WorkerExtra = { name: string; start: (w: RunningWorkers) => Promise<() => Promise<void>> | (() => Promise<void>) };

export const WORKER_EXTRAS: WorkerExtra[] = [];
