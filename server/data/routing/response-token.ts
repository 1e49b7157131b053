// The end of a request: when the caller wrote, its read-your-writes token goes back to
// it (x-afirgen-lsn header always; the afg_lsn cookie for browser sessions).
import { currentContext } from '../../lib/request-context';
import { formatLsn } from './lsn';
import type { ReadRouter } from './read-router';
import { LSN_HEADER, rywState, tokenCookie } from './read-your-writes';

type HeaderSink = { header(name: string, value: string): unknown };

/** Calls done() once the headers are set; never fails the response (a lost token only costs primary reads). */
export function attachToken(router: ReadRouter, reply: HeaderSink, opts: { cookie: boolean; secure: boolean }, done: () => void): void {
  if (!currentContext()) return done();
  const s = rywState();
  if (!s.wrote && !s.changed) return done();
  router.takeToken().then(
    (lsn) => {
      if (lsn !== null) {
        reply.header(LSN_HEADER, formatLsn(lsn));
        if (opts.cookie) reply.header('set-cookie', tokenCookie(lsn, opts.secure));
      }
      done();
    },
    () => done(),
  );
}
