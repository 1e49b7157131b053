// Shape of the local stack: which nodes exist, their ports and where their files live.
// Built from server/env.ts values by the caller (see default-config.ts), so nothing in
// this library reads process.env itself.
import path from 'node:path';
import { StackError } from './errors';

export type NodeName = 'primary' | `replica${number}` | 'redis';
export type NodeKind = 'postgres' | 'redis';
export type NodeSpec = { name: NodeName; kind: NodeKind; port: number };

export type StackConfig = {
  /** absolute path of the state directory (STACK_DIR) */
  dir: string;
  portBase: number;
  redisPort: number;
  replicas: number;
  database: string;
  pgBinDir: string;
  pgShareDir: string;
  /** how long `up` may take before it gives up and names the node that is late */
  timeoutMs: number;
};

/** The subset of server/env.ts's TEnv the stack needs. */
export type StackEnv = {
  STACK_PORT_BASE: number;
  STACK_REDIS_PORT: number;
  STACK_REPLICAS: number;
  DATABASE_NAME: string;
};

/** Progress lines for a human; the CLI prints them, tests may collect them. */
export type StackLogger = (line: string) => void;
export const stderrLogger: StackLogger = (line) => {
  process.stderr.write(`${line}\n`);
};

export type StackOptions = { config?: StackConfig; log?: StackLogger };

// The app's role; superuser because failover needs ALTER SYSTEM and pg_promote().
export const APP_ROLE = 'afirgen';
// initdb's bootstrap superuser, used for administration so the app role can be repaired.
export const ADMIN_ROLE = 'postgres';

export function stackConfigFrom(e: StackEnv, dir: string, overrides: Partial<StackConfig> = {}): StackConfig {
  return {
    dir: path.resolve(dir),
    portBase: e.STACK_PORT_BASE,
    redisPort: e.STACK_REDIS_PORT,
    replicas: e.STACK_REPLICAS,
    database: e.DATABASE_NAME,
    pgBinDir: '/usr/lib/postgresql/15/bin',
    pgShareDir: '/usr/share/postgresql/15',
    timeoutMs: 60_000,
    ...overrides,
  };
}

export function replicaNames(cfg: StackConfig): NodeName[] {
  return Array.from({ length: cfg.replicas }, (_, i) => `replica${i + 1}` as const);
}

export function nodeSpecs(cfg: StackConfig): NodeSpec[] {
  return [
    { name: 'primary', kind: 'postgres', port: cfg.portBase },
    ...replicaNames(cfg).map((name, i) => ({ name, kind: 'postgres' as const, port: cfg.portBase + 1 + i })),
    { name: 'redis', kind: 'redis', port: cfg.redisPort },
  ];
}

export function nodeNames(cfg: StackConfig): NodeName[] {
  return nodeSpecs(cfg).map((n) => n.name);
}

export function specOf(cfg: StackConfig, name: string): NodeSpec {
  const spec = nodeSpecs(cfg).find((n) => n.name === name);
  if (!spec) {
    throw new StackError(`Unknown stack node "${name}": the nodes are ${nodeNames(cfg).join(', ')}.`, name);
  }
  return spec;
}

export function stackPaths(cfg: StackConfig) {
  return {
    logs: path.join(cfg.dir, 'logs'),
    /** a directory, or a symlink to /var/tmp when the postgres user cannot reach cfg.dir */
    pgLink: path.join(cfg.dir, 'pg'),
    redisDir: path.join(cfg.dir, 'redis'),
    redisConf: path.join(cfg.dir, 'redis', 'redis.conf'),
    redisPid: path.join(cfg.dir, 'redis', 'redis.pid'),
    redisData: path.join(cfg.dir, 'redis', 'data'),
    lock: path.join(cfg.dir, 'stack.lock'),
    /** the ports the data was made with, to refuse a silent port change */
    state: path.join(cfg.dir, 'stack.json'),
  };
}

export function logFile(cfg: StackConfig, name: NodeName): string {
  return path.join(stackPaths(cfg).logs, `${name}.log`);
}

/** Relative to the current directory when inside it, for shorter messages. */
export function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
