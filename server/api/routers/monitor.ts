// The ops console's monitoring procedures (admins only): the live overview's points,
// and alerts — rules (list, create/update, delete; audit-logged) and their events.
import { z } from 'zod';
import {
  activeAlerts,
  deleteAlertRule,
  listAlertEvents,
  listAlertRules,
  METRIC_CHOICES,
  saveAlertRule,
  ZDeleteAlertRuleInput,
  ZSaveAlertRuleInput,
} from '../../alerts';
import { overviewPoints } from '../../observability/overview';
import { adminProcedure, createTRPCRouter } from '../trpc';

export const monitorRouter = createTRPCRouter({
  overview: adminProcedure.query(async ({ ctx }) => ({ ...(await overviewPoints()), active: await activeAlerts(ctx.db) })),
  alerts: createTRPCRouter({
    rules: adminProcedure.query(async ({ ctx }) => ({ rules: await listAlertRules(ctx.db), metrics: METRIC_CHOICES })),
    events: adminProcedure
      .input(z.object({ limit: z.number().int().min(1).max(200).default(50), ruleId: z.uuid().optional() }).strict()) // 200: one scrollable table
      .query(({ ctx, input }) => listAlertEvents(ctx.db, input)),
    save: adminProcedure.input(ZSaveAlertRuleInput).mutation(({ ctx, input }) => saveAlertRule(ctx.db, ctx.actor, input)),
    delete: adminProcedure.input(ZDeleteAlertRuleInput).mutation(({ ctx, input }) => deleteAlertRule(ctx.db, ctx.actor, input.id)),
  }),
});
