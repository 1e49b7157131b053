// .stack/stack.json remembers the ports the stack was made with. PostgreSQL replicas
// carry the primary's port in primary_conninfo, so a silent port change would leave
// them pointing at nothing; `up` refuses instead and says how to move.
import fs from 'node:fs';
import { shown, stackPaths, type StackConfig } from './config';
import { StackError } from './errors';

type Recorded = { portBase: number; redisPort: number };

export function readRecorded(cfg: StackConfig): Recorded | null {
  try {
    const r = JSON.parse(fs.readFileSync(stackPaths(cfg).state, 'utf8')) as Partial<Recorded>;
    return typeof r.portBase === 'number' && typeof r.redisPort === 'number' ? { portBase: r.portBase, redisPort: r.redisPort } : null;
  } catch {
    return null;
  }
}

export function writeRecorded(cfg: StackConfig): void {
  const r: Recorded = { portBase: cfg.portBase, redisPort: cfg.redisPort };
  fs.writeFileSync(stackPaths(cfg).state, `${JSON.stringify(r, null, 2)}\n`);
}

export function checkRecordedPorts(cfg: StackConfig): void {
  const r = readRecorded(cfg);
  if (!r || (r.portBase === cfg.portBase && r.redisPort === cfg.redisPort)) return;
  throw new StackError(
    `The stack in ${shown(cfg.dir)} was made with STACK_PORT_BASE=${r.portBase} and STACK_REDIS_PORT=${r.redisPort}, ` +
      `but now they are ${cfg.portBase} and ${cfg.redisPort}. Set them back, or run \`npm run stack -- reset\` ` +
      'to recreate the stack on the new ports (this destroys the local database).',
  );
}

/** The configuration the running processes were started with, for stopping them. */
export function asRecorded(cfg: StackConfig): StackConfig {
  const r = readRecorded(cfg);
  return r ? { ...cfg, ...r } : cfg;
}
