// Starts tests/helpers/api-instance.ts as a child process (the same environment, so the
// same database and Redis) and returns its base URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type Instance = { base: string; child: ChildProcess; close: () => Promise<void> };

export async function startSecondInstance(): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/api-instance.ts'], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second instance did not start within 60 s')), 60_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`second instance exited (${code})`)));
  });
  const { port, listening } = JSON.parse(line) as { port: number; listening: boolean };
  if (!listening) throw new Error('second instance is not subscribed to cache invalidations');
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
