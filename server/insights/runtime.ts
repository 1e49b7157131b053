// The process's one statement store and its wiring to the statement hook, the slow log
// and the configuration in server/env.ts. installInsights() is called once at start
// (server/main.ts); with INSIGHTS_CAPTURE=off it registers nothing, so the statement
// hook costs one Set size check per statement (the capture benchmark's baseline).
import { onStatement } from '../data/statement-hooks';
import { env } from '../env';
import { remember } from '../lib/remember';
import { StatementStore } from './capture';
import { configureSlowLog, enqueueSlow } from './slow-log';
import { loadParser } from './statement-info';

export const insightsSettings = {
  capture: env.INSIGHTS_CAPTURE === 'on',
  slowMs: env.INSIGHTS_SLOW_MS,
  explainTimeoutMs: env.INSIGHTS_EXPLAIN_TIMEOUT_MS,
  nPlusOne: { minCount: env.INSIGHTS_N1_MIN_COUNT, minTotalMs: env.INSIGHTS_N1_MIN_TOTAL_MS },
  advisor: { minCost: env.INSIGHTS_ADVISOR_MIN_COST, minSaving: env.INSIGHTS_ADVISOR_MIN_SAVING },
  largeTableRows: env.INSIGHTS_LARGE_TABLE_ROWS,
};

/** The process's statement store (one on globalThis, shared with Next's bundled copy of server/). */
export const statementStore: StatementStore = remember(
  'insights:store',
  () => new StatementStore({ slowMs: insightsSettings.slowMs, nPlusOne: insightsSettings.nPlusOne, onSlow: enqueueSlow }),
);

type Installed = { off: (() => void) | null };
const installed = remember<Installed>('insights:installed', () => ({ off: null }));

/** Starts capture (unless INSIGHTS_CAPTURE=off). Idempotent. */
export async function installInsights(): Promise<{ capture: boolean }> {
  configureSlowLog({ explainTimeoutMs: insightsSettings.explainTimeoutMs });
  await loadParser(); // statements before this are not captured: the fingerprints need the parser
  if (insightsSettings.capture && !installed.off) installed.off = onStatement(statementStore.listener);
  return { capture: insightsSettings.capture };
}

export function uninstallInsights(): void {
  installed.off?.();
  installed.off = null;
}
