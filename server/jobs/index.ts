// Background jobs: contracts (queue names, payload schemas, priorities), producing
// (enqueue, cancel), the task status table, and the console's view and controls.
// The worker itself (worker.ts, worker-main.ts) is imported only by its own process.
export { JOBS, JOB_NAMES, QUEUES, PRIORITY, TASK_STATUSES, ZJobName, ZQueueName, type TJobName, type TQueueName, type TTaskStatus, type TJobInput } from './contracts';
export { enqueue, enqueueQuietly, cancelTask, type Enqueued, type EnqueueOptions } from './enqueue';
export { getTask, getTaskOrThrow, listTasks, type TaskView } from './tasks';
export { queueOf, closeQueues } from './queues';
export { retryDelayMs, retryWindowMs } from './backoff';
export { jobsConfig } from './config';
export { requestFirCopy, firCopyStatus, readFirCopy, firCopyUrl, ZFirCopyStatusInput, type FirCopyState, type TFirCopyStatusInput } from './fir-copy';
export {
  queuesOverview,
  listJobs,
  jobDetail,
  controlJob,
  controlQueue,
  listOutbox,
  ZListJobsInput,
  ZJobRef,
  ZJobControlInput,
  ZQueueControlInput,
  type QueueOverview,
  type JobSummary,
} from './console';
export { dailyTotals, type DailyTotals } from './processors/rollup';
