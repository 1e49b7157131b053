export { startAlertEvaluator, defaultMetricsUrls, alertMessage, type AlertEvaluator, type AlertEvaluatorOptions, type EvaluationReport, type RuleResult } from './evaluator';
export {
  activeAlerts,
  deleteAlertRule,
  listAlertEvents,
  listAlertRules,
  saveAlertRule,
  METRIC_CHOICES,
  ZAlertRuleInput,
  ZDeleteAlertRuleInput,
  ZSaveAlertRuleInput,
  type AlertEventView,
  type AlertRuleView,
  type TAlertRuleInput,
} from './rules';
export type { WebhookPayload } from './webhook';
