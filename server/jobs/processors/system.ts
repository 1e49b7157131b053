// system.noop and system.probe: the benchmark's baseline, and a job whose failures
// are chosen by its payload, to see retries and backoff on a real worker.
import { PermanentJobError, type Processor } from './types';

export const noop: Processor<'system.noop'> = async ({ tag }) => ({ ok: true, tag: tag ?? null });

export const probe: Processor<'system.probe'> = async ({ failTimes, permanent, tag }, { db, taskId }) => {
  if (permanent) throw new PermanentJobError(`probe ${tag ?? taskId} fails permanently, as asked`);
  const task = await db.backgroundTask.findUniqueOrThrow({ where: { id: taskId }, select: { retryCount: true } });
  if (task.retryCount < failTimes) throw new Error(`probe ${tag ?? taskId}: attempt ${task.retryCount + 1} fails, as asked (${failTimes} failures)`);
  return { ok: true, attempts: task.retryCount + 1 };
};
