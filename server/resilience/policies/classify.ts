// The one classification of errors: may the same call succeed if tried again
// ('retryable'), or will it fail the same way ('permanent')? Retries, breakers and
// the model-server fallback all ask this, so it lives in one place.
//
// Order: an AppError's own table entry decides (ERROR_CODES.retryable); then the error
// itself and its `cause` chain are searched for something we recognise (a timeout, a
// socket error code, a PostgreSQL SQLSTATE, an HTTP status). Anything unrecognised is
// permanent: retrying what we do not understand only multiplies the load.
import { isBrokenCircuitError } from 'cockatiel';
import { AppError, ERROR_CODES } from '../../lib/app-error';

export type ErrorClass = 'retryable' | 'permanent';

export type Classification = { class: ErrorClass; reason: string };

/** A failed call to an HTTP dependency: a non-2xx status, or a 2xx whose body we could not use. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly service: string,
    message: string,
    /** the HTTP status; for 'bad_response' the (successful) status whose body was unusable */
    readonly status: number,
    readonly kind: 'http' | 'bad_response' = 'http',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The caller gave up on the call (its AbortSignal fired): not the dependency's fault, not retried. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(operation: string, options?: { cause?: unknown }) {
    super(`${operation} cancelled by the caller`, options);
  }
}

// Socket and DNS errors that mean "the other side went away or is not there yet".
const RETRYABLE_ERRNO = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ENOTCONN',
  // undici (Node's fetch) wraps socket failures in its own codes
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

// SQLSTATEs where the same statement may succeed on a new try: serialization failure,
// deadlock, the server shutting down or starting up, too many connections.
const RETRYABLE_SQLSTATE = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '53300']);

// Prisma's own codes for the same situations (can't reach, timed out, closed, pool
// timeout, write conflict or deadlock).
const RETRYABLE_PRISMA = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2034']);

// HTTP statuses that say "later": request timeout, too many requests, bad gateway,
// unavailable, gateway timeout. Every other 4xx is the caller's fault; a 500 is an
// unknown server bug, which a retry would most likely repeat.
const RETRYABLE_HTTP = new Set([408, 429, 502, 503, 504]);

// node-postgres and pg-pool report a lost or never-made connection by message only.
const PG_CONNECTION_LOST =
  /connection terminated|connection (?:is )?closed|timeout exceeded when trying to connect|client has encountered a connection error|cannot use a pool after calling end|server closed the connection unexpectedly/i;

const MAX_CAUSE_DEPTH = 5; // causes nest a few levels (fetch → undici → socket); cycles are cut here

/**
 * A cockatiel timeout (TaskCancelledError). Not cockatiel's own isTaskCancelledError:
 * in 3.2.1 it tests for 'isBulkheadRejectedError' and so never matches a timeout.
 */
export function isTimeoutError(err: unknown): boolean {
  return err instanceof Error && (err as { isTaskCancelledError?: unknown }).isTaskCancelledError === true;
}

type Loose = { code?: unknown; status?: unknown; statusCode?: unknown; name?: unknown; message?: unknown; cause?: unknown };

function ownVerdict(err: unknown): Classification | null {
  if (err instanceof AppError) {
    return { class: ERROR_CODES[err.code].retryable ? 'retryable' : 'permanent', reason: `AppError ${err.code}` };
  }
  if (err instanceof UpstreamError && err.kind === 'bad_response') {
    return { class: 'permanent', reason: `bad response from ${err.service}` };
  }
  if (err instanceof CancelledError) return { class: 'permanent', reason: 'cancelled by the caller' };
  if (isBrokenCircuitError(err)) return { class: 'retryable', reason: 'circuit open' };
  if (isTimeoutError(err)) return { class: 'retryable', reason: 'timeout' };
  if (typeof err !== 'object' || err === null) return null;
  const e = err as Loose;
  if (e.name === 'TimeoutError') return { class: 'retryable', reason: 'timeout' };
  if (e.name === 'ZodError') return { class: 'permanent', reason: 'validation' };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null;
  if (status !== null && status >= 400 && status <= 599) {
    return { class: RETRYABLE_HTTP.has(status) ? 'retryable' : 'permanent', reason: `http ${status}` };
  }
  if (typeof e.code === 'string') {
    const code = e.code;
    if (RETRYABLE_ERRNO.has(code)) return { class: 'retryable', reason: code };
    if (/^[0-9A-Z]{5}$/.test(code) && /^[0-9]/.test(code)) {
      const transient = RETRYABLE_SQLSTATE.has(code) || code.startsWith('08'); // class 08: connection exception
      return { class: transient ? 'retryable' : 'permanent', reason: `sqlstate ${code}` };
    }
    if (/^P\d{4}$/.test(code)) {
      return { class: RETRYABLE_PRISMA.has(code) ? 'retryable' : 'permanent', reason: `prisma ${code}` };
    }
  }
  if (typeof e.message === 'string' && PG_CONNECTION_LOST.test(e.message)) {
    return { class: 'retryable', reason: 'connection lost' };
  }
  return null;
}

/** Classifies an error, saying why (for logs and the console). */
export function explain(err: unknown): Classification {
  let current: unknown = err;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    const verdict = ownVerdict(current);
    if (verdict) return verdict;
    current = (current as Loose).cause;
  }
  return { class: 'permanent', reason: 'unrecognised error' };
}

export function classify(err: unknown): ErrorClass {
  return explain(err).class;
}

/**
 * Whether a failure says something about the dependency's health, so a circuit
 * breaker should count it: anything retryable, a 5xx, or a body we could not use.
 * A caller's mistake (validation, auth, not found, another 4xx) does not count.
 */
export function isDependencyFailure(err: unknown): boolean {
  if (err instanceof CancelledError) return false;
  if (classify(err) === 'retryable') return true;
  if (err instanceof AppError) return ERROR_CODES[err.code].http >= 500;
  if (err instanceof UpstreamError) return err.kind === 'bad_response' || err.status >= 500;
  const e = err as Loose | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  if (status !== null) return status >= 500;
  return explain(err).reason === 'unrecognised error';
}
