// The periodic jobs. The worker upserts each as a BullMQ job scheduler at start (one
// per id, so several workers or restarts never duplicate one). To add a periodic job:
// give it a contract in contracts.ts, a processor in processors/, and one line here.
import type { TJobInput, TJobName } from './contracts';

export type Schedule<N extends TJobName = TJobName> = {
  /** stable id: the scheduler's key in Redis */
  id: string;
  job: N;
  input: TJobInput<N>;
} & ({ everyMs: number } | { cron: string; tz?: string });

const schedule = <N extends TJobName>(s: Schedule<N>): Schedule => s as Schedule;

export const SCHEDULES: Schedule[] = [
  schedule({ id: 'rollup-daily', job: 'rollup.daily', input: { days: 3 }, everyMs: 10 * 60_000 }),
  schedule({ id: 'archive-closed-firs', job: 'maintenance.archive', input: {}, cron: '30 2 * * *', tz: 'Asia/Kolkata' }),
  schedule({ id: 'statement-snapshots', job: 'maintenance.statements', input: {}, everyMs: 60 * 60_000 }),
  schedule({ id: 'expire-stats', job: 'maintenance.expire', input: {}, everyMs: 6 * 60 * 60_000 }),
];
