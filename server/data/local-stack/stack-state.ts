// .stack/stack.json remembers the ports the stack was made with and which node is the
// primary now. PostgreSQL replicas carry the primary's port in primary_conninfo, so a
// silent port change would leave them pointing at nothing; `up` refuses instead and
// says how to move. After a failover (server/data/failover) the primary is another
// node: `up`, `status` and the app's local topology (server/env.ts) read it from here.
import fs from 'node:fs';
import { nodeSpecs, shown, stackPaths, type NodeName, type NodeSpec, type StackConfig } from './config';
import { StackError } from './errors';

type Recorded = { portBase: number; redisPort: number; primary?: NodeName; epoch?: number };

export function readRecorded(cfg: StackConfig): Recorded | null {
  try {
    const r = JSON.parse(fs.readFileSync(stackPaths(cfg).state, 'utf8')) as Partial<Recorded>;
    if (typeof r.portBase !== 'number' || typeof r.redisPort !== 'number') return null;
    return {
      portBase: r.portBase,
      redisPort: r.redisPort,
      ...(typeof r.primary === 'string' ? { primary: r.primary } : {}),
      ...(typeof r.epoch === 'number' ? { epoch: r.epoch } : {}),
    };
  } catch {
    return null;
  }
}

export function writeRecorded(cfg: StackConfig): void {
  const old = readRecorded(cfg);
  const r: Recorded = { portBase: cfg.portBase, redisPort: cfg.redisPort, primary: old?.primary ?? 'primary', epoch: old?.epoch ?? 0 };
  fs.mkdirSync(cfg.dir, { recursive: true });
  const tmp = `${stackPaths(cfg).state}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(r, null, 2)}\n`);
  fs.renameSync(tmp, stackPaths(cfg).state);
}

/** The node that is the primary now (after failovers, not necessarily the one named "primary"). */
export function recordedPrimary(cfg: StackConfig): NodeName {
  const name = readRecorded(cfg)?.primary;
  return name && nodeSpecs(cfg).some((s) => s.kind === 'postgres' && s.name === name) ? name : 'primary';
}

export function primarySpec(cfg: StackConfig): NodeSpec {
  const name = recordedPrimary(cfg);
  return nodeSpecs(cfg).find((s) => s.name === name)!;
}

export function primaryPort(cfg: StackConfig): number {
  return primarySpec(cfg).port;
}

/** Failover and switchover record the new primary (and the topology's epoch) here. */
export function recordPrimary(cfg: StackConfig, primary: NodeName, epoch: number): void {
  const old = readRecorded(cfg);
  const r: Recorded = { portBase: old?.portBase ?? cfg.portBase, redisPort: old?.redisPort ?? cfg.redisPort, primary, epoch };
  fs.mkdirSync(cfg.dir, { recursive: true });
  const tmp = `${stackPaths(cfg).state}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(r, null, 2)}\n`);
  fs.renameSync(tmp, stackPaths(cfg).state);
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
