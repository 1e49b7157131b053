// What every step of a stack operation needs: configuration, the logger, the installed
// tools, where PostgreSQL data lives and when the whole operation must be done by.
import path from 'node:path';
import type { NodeName, StackConfig, StackLogger } from './config';
import type { Tools } from './check-prerequisites';

export type Ctx = {
  cfg: StackConfig;
  log: StackLogger;
  tools: Tools;
  /** real directory holding one data directory per PostgreSQL node */
  pgRoot: string;
  /** epoch ms by which the current operation must finish */
  deadline: number;
};

export function dataDir(ctx: Pick<Ctx, 'pgRoot'>, name: NodeName): string {
  return path.join(ctx.pgRoot, name);
}

export function secondsLeft(ctx: Ctx, floor = 5): number {
  return Math.max(floor, Math.ceil((ctx.deadline - Date.now()) / 1000));
}
