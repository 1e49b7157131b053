// Synchronous commit with no replica connected: every commit on the primary would wait
// forever. DB_SYNC_COMMIT chooses what happens instead (Patroni's synchronous_mode vs
// synchronous_mode_strict):
//   degrade (default) — clear synchronous_standby_names on the primary (ALTER SYSTEM +
//     reload; waiting commits are released), alert, and restore the remembered value
//     as soon as a replica streams again;
//   strict — keep it, and make the write pool refuse writes at once with UNAVAILABLE
//     and a clear message, instead of letting them hang, until a replica is back.
// Driven by the health monitor from the primary's pg_stat_replication.
import pg from 'pg';
import { AppError } from '../../lib';
import { logger } from '../../observability';
import { onNode } from '../node-health';

export type SyncCommitMode = 'degrade' | 'strict';
export type SyncCommitState = 'sync' | 'async' | 'degraded' | 'refusing';

export type PrimaryFacts = {
  /** SHOW synchronous_standby_names on the primary */
  syncNames: string;
  /** replicas in pg_stat_replication with state 'streaming' */
  streaming: number;
};

/** The pure decision: what to do given the facts and the current state. */
export function nextSyncAction(
  mode: SyncCommitMode,
  state: SyncCommitState,
  f: PrimaryFacts,
): { state: SyncCommitState; action: 'none' | 'clear' | 'restore' } {
  if (state === 'degraded') return f.streaming > 0 ? { state: 'sync', action: 'restore' } : { state, action: 'none' };
  if (f.syncNames.trim() === '') return { state: 'async', action: 'none' };
  if (f.streaming > 0) return { state: 'sync', action: 'none' };
  return mode === 'degrade' ? { state: 'degraded', action: 'clear' } : { state: 'refusing', action: 'none' };
}

export class SyncCommitGuard {
  state: SyncCommitState = 'sync';
  /** synchronous_standby_names before degrading, to restore */
  remembered: string | null = null;
  changedAt: number | null = null;

  constructor(readonly mode: SyncCommitMode) {}

  /** Throws at once while refusing writes (strict mode without replicas). */
  assertWritable(): void {
    if (this.state === 'refusing') {
      throw new AppError('UNAVAILABLE', 'No synchronous replica is connected, so writes are refused (DB_SYNC_COMMIT=strict) until one is back');
    }
  }

  async update(primaryUrl: string, f: PrimaryFacts): Promise<void> {
    const next = nextSyncAction(this.mode, this.state, f);
    // Just after a failover the re-pointed replicas are still connecting: commits wait for them.
    if (next.action === 'clear' && Date.now() < this.graceUntil) return;
    if (next.action === 'clear') {
      this.remembered = f.syncNames;
      await onPrimary(primaryUrl, async (c) => {
        await c.query(`ALTER SYSTEM SET synchronous_standby_names = ''`);
        await c.query('SELECT pg_reload_conf()');
        this.enter(next.state); // before anything else awaits: the released commits may be read at once
      });
      logger.error(
        { alert: 'db_sync_commit_degraded', was: f.syncNames },
        'no replica is connected: synchronous commit degraded to asynchronous (commits are no longer on a replica when acknowledged)',
      );
    } else if (next.action === 'restore' && this.remembered) {
      const names = this.remembered;
      await onPrimary(primaryUrl, async (c) => {
        await c.query(`ALTER SYSTEM SET synchronous_standby_names = ${pg.escapeLiteral(names)}`);
        await c.query('SELECT pg_reload_conf()');
        this.enter(next.state);
      });
      this.remembered = null;
      logger.info({ alert: 'db_sync_commit_degraded', resolved: true, names }, 'a replica streams again: synchronous commit restored');
    }
    this.enter(next.state);
  }

  private graceUntil = 0;

  /** A new primary (failover): nothing remembered from the old one applies. */
  reset(graceMs = 5000): void {
    this.graceUntil = Date.now() + graceMs;
    this.remembered = null;
    this.enter('sync');
  }

  private enter(state: SyncCommitState): void {
    if (state === this.state) return;
    if (state === 'refusing') logger.error({ alert: 'db_sync_commit_refusing' }, 'no replica is connected: writes are refused (DB_SYNC_COMMIT=strict)');
    if (this.state === 'refusing') logger.info({ alert: 'db_sync_commit_refusing', resolved: true }, 'a replica streams again: writes accepted');
    this.state = state;
    this.changedAt = Date.now();
  }
}

const onPrimary = (url: string, fn: (c: pg.Client) => Promise<void>) => onNode(url, fn, { app: 'afirgen:health' });
