// Where PostgreSQL data lives: .stack/pg, unless the postgres OS user cannot reach the
// repo (a clone under /root, mode 700). Then the data goes to /var/tmp and .stack/pg is
// a symlink to it, so every other path in the stack stays the same.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { shown, stackPaths, type StackConfig, type StackLogger } from './config';
import { isRoot, run } from './run-command';

export type Owner = { uid: number; gid: number } | null;

export function fallbackPgRoot(cfg: StackConfig): string {
  const hash = createHash('sha256').update(cfg.dir).digest('hex').slice(0, 10);
  return `/var/tmp/afirgen-stack-${hash}`;
}

/** The real directory behind .stack/pg, or null when there is none yet. */
export function existingPgRoot(cfg: StackConfig): string | null {
  try {
    return fs.realpathSync(stackPaths(cfg).pgLink);
  } catch {
    return null;
  }
}

/** Give a path to the postgres user (no-op when not root); PG insists on owning its data. */
export function chownTo(owner: Owner, ...paths: string[]): void {
  if (!owner) return;
  for (const p of paths) fs.chownSync(p, owner.uid, owner.gid);
}

async function postgresCanReach(dir: string): Promise<boolean> {
  if (!isRoot()) return true;
  const res = await run('test', ['-x', dir], { asPostgres: true, timeoutMs: 5000 });
  return res.code === 0;
}

export async function ensurePgRoot(cfg: StackConfig, owner: Owner, log: StackLogger): Promise<string> {
  const link = stackPaths(cfg).pgLink;
  const existing = existingPgRoot(cfg);
  let root: string;
  if (existing) {
    root = existing;
  } else if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) {
    // A symlink whose target was cleaned away (/var/tmp after a reboot): make the target again.
    root = fs.readlinkSync(link);
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  } else if (await postgresCanReach(cfg.dir)) {
    root = link;
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  } else {
    root = fallbackPgRoot(cfg);
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.symlinkSync(root, link);
  }
  chownTo(owner, root);
  fs.chmodSync(root, 0o700);
  if (path.resolve(root) !== path.resolve(link)) {
    log(`PostgreSQL data is in ${root} (${shown(link)} links there): the postgres user cannot reach ${cfg.dir}.`);
  }
  return root;
}
