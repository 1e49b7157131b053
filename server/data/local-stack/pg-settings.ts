// Every PostgreSQL setting of the local stack, in one place. Static settings go to a
// file included from postgresql.conf and rewritten on each `up`; the ones failover will
// change at runtime (synchronous_standby_names, primary_conninfo) live in
// postgresql.auto.conf, where ALTER SYSTEM keeps them. Pure functions: unit-tested.
import { APP_ROLE, replicaNames, type NodeSpec, type StackConfig } from './config';

export const STACK_CONF_FILE = 'afirgen-stack.conf';
export const INCLUDE_LINE = `include '${STACK_CONF_FILE}'`;

type Settings = Record<string, string | number>;

export function nodeSettings(cfg: StackConfig, node: NodeSpec): Settings {
  return {
    listen_addresses: '127.0.0.1',
    port: node.port,
    // TCP only: socket paths are limited to 107 chars and /var/run/postgresql may not exist.
    unix_socket_directories: '',
    cluster_name: node.name,
    // Parallel test workers each hold a pool; a replica must allow at least as many as the primary.
    max_connections: 200,
    wal_level: 'replica',
    // Fixed, not derived from STACK_REPLICAS: a hot standby refuses to run with less than
    // its primary had, so changing these would break replicas on the next restart.
    // 5 replicas at most (env.ts), plus pg_basebackup and pg_rewind connections.
    max_wal_senders: 16,
    max_replication_slots: 16,
    // Slots keep WAL for a stopped replica; cap it so a forgotten replica cannot fill the disk.
    max_slot_wal_keep_size: '2GB',
    wal_keep_size: '128MB',
    hot_standby: 'on',
    hot_standby_feedback: 'on',
    // pg_rewind (failover) refuses to work without it.
    wal_log_hints: 'on',
    // A replica retries its primary every 5 s by default; 1 s makes restarts and failover quick.
    wal_retrieve_retry_interval: '1s',
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'all',
    track_io_timing: 'on',
    // stderr goes to .stack/logs/<node>.log (the stack manager opens it), so no collector.
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: '%m [%p] %q%u@%d ',
  };
}

function quote(v: string | number): string {
  return typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
}

export function renderConf(settings: Settings, header: string): string {
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${quote(v)}`);
  return `${header}\n${lines.join('\n')}\n`;
}

export function renderNodeConf(cfg: StackConfig, node: NodeSpec): string {
  return renderConf(
    nodeSettings(cfg, node),
    `# Written by the local stack manager (server/data/local-stack) on every \`up\`;\n# edit pg-settings.ts instead of this file.`,
  );
}

// Trust on loopback only: a throwaway dev stack nobody else can reach.
export function renderHba(): string {
  return [
    '# Local stack: trust on loopback only (written by server/data/local-stack).',
    'host all all 127.0.0.1/32 trust',
    'host all all ::1/128 trust',
    'host replication all 127.0.0.1/32 trust',
    'host replication all ::1/128 trust',
    '',
  ].join('\n');
}

/** Quorum commit: a commit waits for any one replica, so one replica may be down. */
export function syncStandbyNames(names: readonly string[]): string {
  return names.length === 0 ? '' : `ANY 1 (${names.join(', ')})`;
}

/** Every PostgreSQL node but the primary (by default the node named "primary"). */
export function expectedSyncNames(cfg: StackConfig, primary = 'primary'): string {
  return syncStandbyNames(['primary', ...replicaNames(cfg)].filter((n) => n !== primary));
}

export function primaryConninfo(cfg: StackConfig, replica: string, primaryPort = cfg.portBase): string {
  return `host=127.0.0.1 port=${primaryPort} user=${APP_ROLE} application_name=${replica}`;
}

const SETTING_LINE = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*=?/;

/**
 * postgresql.auto.conf with `set` replacing any earlier value of those keys and `drop`
 * keys removed. Used on a fresh clone, before the replica ever starts, so pg_basebackup's
 * primary_conninfo (no application_name) never reaches the primary.
 */
export function rewriteAutoConf(text: string, set: Settings, drop: readonly string[] = []): string {
  const gone = new Set([...Object.keys(set), ...drop].map((k) => k.toLowerCase()));
  const kept = text.split('\n').filter((line) => {
    const m = SETTING_LINE.exec(line);
    return !(m && !line.trim().startsWith('#') && gone.has(m[1]!.toLowerCase()));
  });
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  const added = Object.entries(set).map(([k, v]) => `${k} = ${quote(v)}`);
  return `${[...kept, ...added].join('\n')}\n`;
}

export function replicaAutoConf(cfg: StackConfig, existing: string, replica: string, primaryPort = cfg.portBase): string {
  return rewriteAutoConf(
    existing,
    { primary_conninfo: primaryConninfo(cfg, replica, primaryPort), primary_slot_name: replica },
    // Copied from the primary; on a standby it only matters after promotion, which sets its own.
    ['synchronous_standby_names'],
  );
}

/** Compare SHOW output with what we want, ignoring spacing and case. */
export function sameSyncNames(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '').replace(/"/g, '');
  return norm(a) === norm(b);
}

/** Whether two postgresql.auto.conf texts give a standby the same primary_conninfo and slot. */
export function sameReplicaSettings(a: string, b: string): boolean {
  const values = (text: string) => {
    const out = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^\s*(primary_conninfo|primary_slot_name)\s*=\s*'((?:[^']|'')*)'/i.exec(line);
      if (m) out.set(m[1]!.toLowerCase(), m[2]!);
    }
    return `${out.get('primary_conninfo') ?? ''}|${out.get('primary_slot_name') ?? ''}`;
  };
  return values(a) === values(b);
}

/**
 * The value postgresql.auto.conf gives `key` (ALTER SYSTEM writes it there before the
 * reload that applies it); '' when the file does not set it. The last line wins, as in
 * PostgreSQL.
 */
export function autoConfValue(text: string, key: string): string {
  let value = '';
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*=?\s*'((?:[^']|'')*)'/.exec(line);
    if (m && m[1]!.toLowerCase() === key.toLowerCase()) value = m[2]!.replace(/''/g, "'");
  }
  return value;
}
