// Another app instance for the failover tests: follows the managed topology (the
// published primary in Redis and its pub/sub channel) without a health monitor, so it
// never decides a failover itself. Prints {"ready":true} once following; then, for each
// line on stdin, the primary it follows and the epoch, and for a line "write" also what
// the node its write pool reaches says of itself (or the error it got). Only pub/sub can
// change what it follows without a write: no health rounds run here, and a failed
// statement is what would make it look again.
import { createInterface } from 'node:readline';
import { db, readRouter, startFailover } from '../../server/data';

await startFailover();
process.stdout.write(`${JSON.stringify({ ready: true, primary: readRouter.primaryName, epoch: readRouter.epoch })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const where =
    line.trim() !== 'write'
      ? {}
      : await db
          .$queryRawUnsafe<{ port: number; recovery: boolean }[]>('SELECT inet_server_port() AS port, pg_is_in_recovery() AS recovery')
          .then((rows) => rows[0], (err: unknown) => ({ error: String(err) }));
  process.stdout.write(`${JSON.stringify({ primary: readRouter.primaryName, epoch: readRouter.epoch, ...where })}\n`);
}
process.exit(0);
