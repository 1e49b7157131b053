// One stack command at a time: a CLI `up` and a test's `up` racing on the same data
// directories would clone over each other. A lock file holding our pid, taken over when
// its owner is gone, plus an in-process queue for callers in the same process.
import fs from 'node:fs';
import { shown, stackPaths, type StackConfig, type StackLogger } from './config';
import { StackError } from './errors';
import { isAlive, readPidFile } from './process-info';
import { sleep } from './run-command';

let queue: Promise<unknown> = Promise.resolve();

async function acquire(cfg: StackConfig, log: StackLogger, deadline: number): Promise<() => void> {
  const file = stackPaths(cfg).lock;
  fs.mkdirSync(cfg.dir, { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readPidFile(file);
    // Our own pid here is a leftover: the in-process queue means we do not hold it now.
    if (owner === null || owner === process.pid || !isAlive(owner)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new StackError(
        `Another stack command (pid ${owner}) has held ${shown(file)} for too long. Wait for it to finish, ` +
          `or if pid ${owner} is not a stack command, delete ${shown(file)} and try again.`,
      );
    }
    if (!told) log(`Waiting for another stack command (pid ${owner}) to finish ...`);
    told = true;
    await sleep(200);
  }
}

export function withStackLock<T>(cfg: StackConfig, log: StackLogger, fn: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const release = await acquire(cfg, log, Date.now() + cfg.timeoutMs);
    try {
      return await fn();
    } finally {
      release();
    }
  });
  queue = run.catch(() => {});
  return run;
}
