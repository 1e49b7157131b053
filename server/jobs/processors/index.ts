// The name → processor map: every job in contracts.ts has exactly one (the type says so).
import type { TJobName } from '../contracts';
import { firNotify } from './fir-notify';
import { firPdf } from './fir-pdf';
import { archiveClosed, expireStats, snapshotStatements } from './maintenance';
import { rollupDaily } from './rollup';
import { noop, probe } from './system';
import type { Processor } from './types';

export const PROCESSORS: { [N in TJobName]: Processor<N> } = {
  'fir.pdf': firPdf,
  'fir.notify': firNotify,
  'rollup.daily': rollupDaily,
  'maintenance.archive': archiveClosed,
  'maintenance.statements': snapshotStatements,
  'maintenance.expire': expireStats,
  'system.noop': noop,
  'system.probe': probe,
};

export { PermanentJobError, type Processor, type ProcessorContext } from './types';
export { dailyTotals, type DailyTotals } from './rollup';
export type { FirPdfResult } from './fir-pdf';
