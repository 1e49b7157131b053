// The Queues console's procedures (admins only): queues with counts and throughput,
// jobs by state, one job in full, the controls (audit-logged by their services in
// server/jobs), the notification outbox and the status table's recent tasks.
import { z } from 'zod';
import {
  cancelTask,
  controlJob,
  controlQueue,
  dailyTotals,
  jobDetail,
  listJobs,
  listOutbox,
  listTasks,
  queuesOverview,
  TASK_STATUSES,
  ZJobControlInput,
  ZJobRef,
  ZListJobsInput,
  ZQueueControlInput,
  ZQueueName,
} from '../../jobs';
import { recordAudit } from '../../auth';
import { adminProcedure, createTRPCRouter } from '../trpc';

const ZListTasksInput = z
  .object({ status: z.enum(TASK_STATUSES).optional(), queue: ZQueueName.optional(), limit: z.number().int().min(1).max(100).default(30) }) // a screen
  .strict();

export const queuesRouter = createTRPCRouter({
  overview: adminProcedure.query(() => queuesOverview()),
  jobs: adminProcedure.input(ZListJobsInput).query(({ input }) => listJobs(input)),
  job: adminProcedure.input(ZJobRef).query(({ ctx, input }) => jobDetail(ctx.db, input)),
  controlJob: adminProcedure.input(ZJobControlInput).mutation(({ ctx, input }) => controlJob(ctx.db, ctx.actor, input)),
  controlQueue: adminProcedure.input(ZQueueControlInput).mutation(({ ctx, input }) => controlQueue(ctx.db, ctx.actor, input)),
  tasks: adminProcedure.input(ZListTasksInput).query(({ ctx, input }) => listTasks(ctx.db, input)),
  cancelTask: adminProcedure.input(z.object({ taskId: z.uuid() }).strict()).mutation(async ({ ctx, input }) => {
    const res = await cancelTask(ctx.db, input.taskId);
    const audited = await recordAudit(ctx.db, ctx.actor, { action: 'jobs.cancel', target: input.taskId, details: {} });
    return { ...res, audited };
  }),
  outbox: adminProcedure.query(({ ctx }) => listOutbox(ctx.db)),
  daily: adminProcedure.input(z.object({ days: z.number().int().min(1).max(90).default(30) }).strict()).query(({ ctx, input }) => dailyTotals(ctx.db, input)),
});
