// Starts tests/helpers/topology-follower.ts in its own process (the test's environment)
// and asks it, line by line, where its writes go.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

type Answer = { primary: string; epoch: number; port?: number; recovery?: boolean; error?: string };
/** ask(): what it follows; ask(true): and where a write of its goes */
export type Follower = { ask: (write?: boolean) => Promise<Answer>; close: () => Promise<void> };

export async function startFollower(): Promise<Follower> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/topology-follower.ts'], { env: process.env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (what: string) => {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`follower: no answer (${what}) within 60 s`)), 60_000).unref());
    const r = await Promise.race([lines.next(), timeout]);
    if (r.done) throw new Error(`follower exited (${what})`);
    return JSON.parse(r.value) as Record<string, unknown>;
  };
  await next('start');
  return {
    ask: async (write = false) => {
      child.stdin!.write(write ? 'write\n' : '?\n');
      return (await next('ask')) as Answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
