// The failover controller's hands on the local stack (record and fence, rejoin by
// rewind, clean stop for a switchover). Loaded by server/main.ts and tests only, so the
// stack manager stays out of Next's bundle.
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../observability';
import { localPgRoot } from './data-layer';
import { autoConfValue } from './local-stack/pg-settings';
import type { StackHooks } from './failover';
import { recordFailover, startNode, stopNode, up, type NodeName } from './local-stack';

const log = { log: (line: string) => logger.info({ component: 'stack' }, line) };

export const localStackHooks: StackHooks = {
  recordFailover: (newPrimary, epoch, oldPrimary) => recordFailover(newPrimary as NodeName, epoch, oldPrimary as NodeName | null, log),
  // `up` rewinds a fenced node (else re-clones it), starts it, waits until it streams and
  // puts it back into synchronous_standby_names.
  rejoin: async () => {
    await up(log);
  },
  stop: async (name) => {
    await stopNode(name as NodeName, { mode: 'fast', ...log });
  },
  start: (name) => startNode(name as NodeName, log),
  syncNames: (name) => {
    const pgRoot = localPgRoot();
    try {
      return pgRoot ? autoConfValue(fs.readFileSync(path.join(pgRoot, name, 'postgresql.auto.conf'), 'utf8'), 'synchronous_standby_names') : null;
    } catch {
      return null;
    }
  },
};
