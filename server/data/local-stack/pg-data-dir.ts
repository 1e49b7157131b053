// PostgreSQL data directories: tell a usable one from a half-made one, make the
// primary's with initdb and a replica's with pg_basebackup. Both are built under a
// temporary name and renamed when complete, so an interrupted `up` leaves no half dir.
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROLE, ADMIN_ROLE, type NodeSpec } from './config';
import { dataDir, secondsLeft, type Ctx } from './context';
import { chownTo } from './pg-root';
import { INCLUDE_LINE, STACK_CONF_FILE, renderHba, renderNodeConf, replicaAutoConf } from './pg-settings';
import { runOk } from './run-command';
import { primaryPort } from './stack-state';

export type DirState = { kind: 'absent' } | { kind: 'ready' } | { kind: 'incomplete'; reason: string };

export function inspectDataDir(dir: string, role: 'primary' | 'replica'): DirState {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return { kind: 'absent' };
  }
  if (entries.length === 0) return { kind: 'absent' };
  const has = (f: string) => fs.existsSync(path.join(dir, f));
  if (!has('PG_VERSION')) return { kind: 'incomplete', reason: 'it has no PG_VERSION' };
  if (!has('global/pg_control')) return { kind: 'incomplete', reason: 'it has no global/pg_control' };
  let conf = '';
  try {
    conf = fs.readFileSync(path.join(dir, 'postgresql.conf'), 'utf8');
  } catch {
    return { kind: 'incomplete', reason: 'it has no postgresql.conf' };
  }
  if (!conf.includes(INCLUDE_LINE) || !has(STACK_CONF_FILE)) {
    return { kind: 'incomplete', reason: 'it was never configured by the stack manager' };
  }
  if (role === 'replica' && !has('standby.signal')) return { kind: 'incomplete', reason: 'it has no standby.signal' };
  return { kind: 'ready' };
}

/** pg_control starts with the 64-bit system identifier; replicas must share the primary's. */
export function systemIdentifier(dir: string): string | null {
  try {
    const fd = fs.openSync(path.join(dir, 'global', 'pg_control'), 'r');
    try {
      const buf = Buffer.alloc(8);
      return fs.readSync(fd, buf, 0, 8, 0) === 8 ? buf.toString('hex') : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

function writeOwned(ctx: Ctx, file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  chownTo(ctx.tools.postgresOwner, file);
}

/** Rewrite the node's settings file; true when it changed (a running node needs a restart). */
export function writeNodeConf(ctx: Ctx, dir: string, spec: NodeSpec): boolean {
  const file = path.join(dir, STACK_CONF_FILE);
  const text = renderNodeConf(ctx.cfg, spec);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (old === text) return false;
  writeOwned(ctx, file, text);
  return old !== null;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function initPrimary(ctx: Ctx, spec: NodeSpec): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  const tmp = `${dir}.tmp`;
  removeDir(tmp);
  removeDir(dir); // empty when we get here; initdb wants to create it or find it empty
  ctx.log('primary: initdb ...');
  await runOk(
    ctx.tools.pgBin('initdb'),
    ['-D', tmp, '-U', ADMIN_ROLE, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    { asPostgres: true, timeoutMs: secondsLeft(ctx) * 1000, what: 'initdb for the primary' },
  );
  writeOwned(ctx, path.join(tmp, 'pg_hba.conf'), renderHba());
  fs.appendFileSync(path.join(tmp, 'postgresql.conf'), `\n# Local stack settings (server/data/local-stack/pg-settings.ts)\n${INCLUDE_LINE}\n`);
  writeNodeConf(ctx, tmp, spec);
  fs.renameSync(tmp, dir);
}

export async function cloneReplica(ctx: Ctx, spec: NodeSpec): Promise<void> {
  const dir = dataDir(ctx, spec.name);
  const tmp = `${dir}.tmp`;
  removeDir(tmp);
  removeDir(dir);
  const port = primaryPort(ctx.cfg);
  ctx.log(`${spec.name}: pg_basebackup from the primary (port ${port}, slot ${spec.name}) ...`);
  await runOk(
    ctx.tools.pgBin('pg_basebackup'),
    [
      ...['-h', '127.0.0.1', '-p', String(port), '-U', APP_ROLE, '-D', tmp],
      ...['-R', '-C', '-S', spec.name, '-X', 'stream', '--checkpoint=fast', '--no-sync'],
    ],
    { asPostgres: true, timeoutMs: secondsLeft(ctx) * 1000, what: `pg_basebackup for ${spec.name}` },
  );
  const auto = path.join(tmp, 'postgresql.auto.conf');
  const existing = fs.existsSync(auto) ? fs.readFileSync(auto, 'utf8') : '';
  writeOwned(ctx, auto, replicaAutoConf(ctx.cfg, existing, spec.name, port));
  writeNodeConf(ctx, tmp, spec);
  fs.renameSync(tmp, dir);
}
