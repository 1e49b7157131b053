// Cache warming: named warmers, registered by the rooms that own the data (server/fir
// registers "stats", "recent-firs", "sections"), run at start for CACHE_WARM and from
// the console's "Warm now".
import { AppError } from '../lib';
import { logger } from '../observability';

export type Warmer = () => Promise<number>; // returns how many entries it loaded

const warmers = new Map<string, Warmer>();

export function registerWarmer(name: string, warmer: Warmer): void {
  warmers.set(name, warmer);
}

export function warmerNames(): string[] {
  return [...warmers.keys()].sort();
}

export type WarmReport = { name: string; entries: number; ms: number; error?: string }[];

/** Runs the named warmers one after another (the database is shared with live traffic). */
export async function warmCache(names: readonly string[]): Promise<WarmReport> {
  const unknown = names.filter((n) => !warmers.has(n));
  if (unknown.length) throw new AppError('BAD_REQUEST', `Unknown cache warmer${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${warmerNames().join(', ')})`);
  const report: WarmReport = [];
  for (const name of names) {
    const started = performance.now();
    try {
      const entries = await warmers.get(name)!();
      report.push({ name, entries, ms: Math.round(performance.now() - started) });
    } catch (err) {
      logger.warn({ err, warmer: name }, 'cache warmer failed');
      report.push({ name, entries: 0, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}
