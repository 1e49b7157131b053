// Query insights: statement capture, the slow query log with plans, N+1 and anti-pattern
// detection, the HypoPG index advisor, and the console's Queries / Indexes / Migrations
// services. docs/performance.md (capture overhead) and docs/migrations.md (online
// migrations) say more.
export { installInsights, uninstallInsights, insightsSettings, statementStore } from './runtime';
export { StatementStore, type CapturedStatement, type StatementExample } from './capture';
export { statementInfo, loadParser, type StatementInfo } from './statement-info';
export { nPlusOneReports, isNPlusOne, type NPlusOneReport } from './n-plus-one';
export { findAntipatterns, type Antipattern } from './antipatterns';
export { explainStatement, planCost, planTree, type PlanNode, type PlanJson } from './explain';
export { slowLogIdle, listSlowQueries } from './slow-log';
export { advise, indexSql, type Suggestion, type AdvisorResult, type AdvisorQuery } from './advisor/advise';
export { applyIndexSuggestion } from './advisor/apply';
export { closeInsightsPools } from './node-pools';
export {
  queriesOverview,
  slowPlan,
  lastAdvice,
  runAdvisor,
  applyIndex,
  indexHealth,
  ZTopStatementsInput,
  ZSlowPlanInput,
  ZApplyIndexInput,
} from './console';
export {
  migrationsOverview,
  migrationDryRun,
  applyMigration,
  rollbackMigration,
  ZMigrationNameInput,
  ZMigrationActionInput,
  MIGRATIONS_DIR,
} from './migrations-console';
