// Resync of a local-stack replica (the console's control): stop it, discard its copy,
// and let `up` clone it afresh from the primary (pg_basebackup) and wait until it
// streams. Loaded by server/main.ts only, so the stack manager stays out of Next's bundle.
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../observability';
import { localPgRoot } from './data-layer';
import { readRouter } from './prisma';
import { stopNode, up, type NodeName } from './local-stack';

export async function resyncLocalReplica(name: string): Promise<void> {
  if (!/^(primary|replica[1-9])$/.test(name) || name === readRouter.primaryName) throw new Error(`not a replica: ${name}`);
  const log = { log: (line: string) => logger.info({ replica: name }, line) };
  const pgRoot = localPgRoot();
  if (!pgRoot) throw new Error('the local stack has no data directory');
  await stopNode(name as NodeName, { mode: 'immediate', ...log });
  fs.rmSync(path.join(pgRoot, name), { recursive: true, force: true });
  await up(log);
}
