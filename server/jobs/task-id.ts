// A job's task id (background_task.id): its own id when enqueue() made it (a UUID),
// else, for a job scheduler's job, a UUID derived from queue and job id.
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function taskIdOf(queue: string, jobId: string): string {
  if (UUID.test(jobId)) return jobId.toLowerCase();
  const h = createHash('sha1').update(`${queue}:${jobId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
