// Checks shared by every node before it starts: a stale pid file is removed (and said
// so), and a port held by someone else stops `up` with the port, the node and a way out.
import fs from 'node:fs';
import path from 'node:path';
import type { NodeSpec, StackLogger } from './config';
import { StackError } from './errors';
import { portInUse, portOwner } from './process-info';

export type StopMode = 'fast' | 'immediate' | 'kill9';

export function portTakenError(spec: NodeSpec, owner: { name: string; pid: number } | null): StackError {
  const who = owner ? `${owner.name} (pid ${owner.pid}), which` : 'a process that';
  const knob = spec.kind === 'redis' ? 'STACK_REDIS_PORT' : 'STACK_PORT_BASE';
  return new StackError(
    `Port ${spec.port} (for ${spec.name}) is already taken by ${who} is not part of this stack. ` +
      `Stop that process, or give the stack other ports with ${knob}=<port>.`,
    spec.name,
  );
}

/** Before starting a node: clear a stale pid file and make sure its port is free. */
export async function preflight(spec: NodeSpec, stale: string | null, pidFile: string, log: StackLogger): Promise<void> {
  if (stale) {
    fs.rmSync(pidFile, { force: true });
    log(`${spec.name}: removed stale ${path.basename(pidFile)} (${stale}).`);
  }
  if (await portInUse(spec.port)) throw portTakenError(spec, await portOwner(spec.port));
}
