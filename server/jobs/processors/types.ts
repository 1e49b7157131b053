// What a processor gets: its validated payload and the means to report progress. A
// processor throws to fail the attempt (retried with backoff); it throws
// PermanentJobError when retrying cannot help (the FIR is gone, the input is wrong),
// and the task is recorded as failed at once.
import { UnrecoverableError } from 'bullmq';
import type { Db } from '../../data';
import type { TJobName, TJobPayload } from '../contracts';

export type ProcessorContext = {
  db: Db;
  taskId: string;
  /** 0–100, shown to the person waiting */
  progress: (percent: number) => Promise<void>;
};

export type Processor<N extends TJobName> = (payload: TJobPayload<N>, ctx: ProcessorContext) => Promise<unknown>;

/** Give up at once: no retry can succeed. */
export class PermanentJobError extends UnrecoverableError {
  override readonly name = 'PermanentJobError';
}
