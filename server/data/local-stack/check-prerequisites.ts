// Before touching anything, check that every program and extension the stack needs is
// installed, and name the Debian package for each one that is not: one line each, all
// at once, so a fresh machine is fixed with a single apt-get.
import fs from 'node:fs';
import path from 'node:path';
import type { StackConfig } from './config';
import { StackError } from './errors';
import { isRoot, run, runuserPath } from './run-command';

export type Tools = {
  pgBin: (tool: 'initdb' | 'pg_ctl' | 'pg_basebackup' | 'pg_rewind' | 'postgres') => string;
  redisServer: string;
  /** uid/gid to chown PostgreSQL data to; null when not root (data stays ours) */
  postgresOwner: { uid: number; gid: number } | null;
};

const BIN_DIRS = ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/usr/local/sbin', '/bin', '/sbin'];

function findBin(name: string): string | null {
  for (const dir of BIN_DIRS) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

async function postgresAccount(): Promise<{ uid: number; gid: number } | null> {
  try {
    const res = await run('getent', ['passwd', 'postgres'], { timeoutMs: 3000 });
    const [, , uid, gid] = res.stdout.trim().split(':');
    if (res.code !== 0 || uid === undefined || gid === undefined) return null;
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

export async function checkPrerequisites(cfg: StackConfig): Promise<Tools> {
  const missing: string[] = [];
  const pgTools = ['initdb', 'pg_ctl', 'pg_basebackup', 'pg_rewind', 'postgres'] as const;
  const absent = pgTools.filter((t) => !fs.existsSync(path.join(cfg.pgBinDir, t)));
  if (absent.length > 0) {
    missing.push(`PostgreSQL 15 is not installed (${absent.join(', ')} missing in ${cfg.pgBinDir}): apt-get install -y postgresql-15`);
  }
  const ext = (name: string) => path.join(cfg.pgShareDir, 'extension', `${name}.control`);
  if (absent.length === 0 && !fs.existsSync(ext('pg_stat_statements'))) {
    missing.push(
      `pg_stat_statements is not installed (${ext('pg_stat_statements')} missing): apt-get install -y postgresql-15 ` +
        '(Debian ships contrib in it; elsewhere the package is postgresql-contrib)',
    );
  }
  if (!fs.existsSync(ext('hypopg'))) {
    missing.push(`hypopg is not installed (${ext('hypopg')} missing): apt-get install -y postgresql-15-hypopg`);
  }
  const redisServer = findBin('redis-server');
  if (!redisServer) missing.push('redis-server is not installed: apt-get install -y redis-server');

  let postgresOwner: Tools['postgresOwner'] = null;
  if (isRoot()) {
    if (!runuserPath()) missing.push('runuser is missing (needed to run PostgreSQL as the postgres user): apt-get install -y util-linux');
    postgresOwner = await postgresAccount();
    if (!postgresOwner) {
      missing.push(
        'There is no postgres OS user, and PostgreSQL refuses to run as root: apt-get install -y postgresql-15 creates it ' +
          '(or: useradd --system --home-dir /var/lib/postgresql postgres)',
      );
    }
  }
  if (missing.length > 0) {
    throw new StackError(
      `The local stack cannot start; install what is missing (after one apt-get update):\n  ${missing.join('\n  ')}`,
    );
  }
  return {
    pgBin: (tool) => path.join(cfg.pgBinDir, tool),
    redisServer: redisServer!,
    postgresOwner,
  };
}
