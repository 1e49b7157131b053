// The error classification (server/resilience/policies/classify.ts) and what the
// retry policy does with it: generated errors of every family we meet (AppError codes,
// socket errnos, SQLSTATEs, Prisma codes, HTTP statuses, timeouts, validation, plain
// errors, non-errors, wrapped causes), each with the class it must get.
import { TaskCancelledError, BrokenCircuitError } from 'cockatiel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_CODES, type AppErrorCode } from '../../server/lib/app-error';
import { CancelledError, classify, explain, isDependencyFailure, Retrier, UpstreamError, type ErrorClass } from '../../server/resilience/policies';

type Case = { error: unknown; expected: ErrorClass; label: string };

const coded = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });

const appErrors = fc.constantFrom(...(Object.keys(ERROR_CODES) as AppErrorCode[])).map(
  (code): Case => ({ error: new AppError(code, `an ${code}`), expected: ERROR_CODES[code].retryable ? 'retryable' : 'permanent', label: `AppError ${code}` }),
);

const errnos = fc.oneof(
  fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET').map((c): Case => ({ error: coded(c), expected: 'retryable', label: c })),
  fc.constantFrom('ENOENT', 'EACCES', 'EINVAL', 'ERR_INVALID_ARG_TYPE', 'EISDIR').map((c): Case => ({ error: coded(c), expected: 'permanent', label: c })),
);

const sqlstates = fc.oneof(
  fc.constantFrom('40001', '40P01', '57P01').map((c): Case => ({ error: coded(c), expected: 'retryable', label: `sqlstate ${c}` })),
  fc.stringMatching(/^[0-9A-Z]{3}$/).map((rest): Case => ({ error: coded(`08${rest.slice(0, 3)}`), expected: 'retryable', label: `sqlstate 08${rest}` })),
  fc.constantFrom('23505', '23503', '22P02', '42P01', '42703', '42501', '28P01', '23514').map((c): Case => ({ error: coded(c), expected: 'permanent', label: `sqlstate ${c}` })),
);

const prisma = fc.oneof(
  fc.constantFrom('P1001', 'P1002', 'P1017', 'P2024', 'P2034').map((c): Case => ({ error: coded(c), expected: 'retryable', label: `prisma ${c}` })),
  fc.constantFrom('P2002', 'P2025', 'P2003').map((c): Case => ({ error: coded(c), expected: 'permanent', label: `prisma ${c}` })),
);

const RETRYABLE_HTTP = new Set([408, 429, 502, 503, 504]);
const statuses = fc.integer({ min: 400, max: 599 }).chain((status) =>
  fc.constantFrom<Case[]>(
    [{ error: new UpstreamError('llm', `answered ${status}`, status), expected: RETRYABLE_HTTP.has(status) ? 'retryable' : 'permanent', label: `upstream ${status}` }],
    [{ error: Object.assign(new Error(`HTTP ${status}`), { statusCode: status }), expected: RETRYABLE_HTTP.has(status) ? 'retryable' : 'permanent', label: `statusCode ${status}` }],
  ).map((c) => c[0]!),
);

const timeouts = fc.constantFrom<Case>(
  { error: new TaskCancelledError('Operation timed out after 100ms'), expected: 'retryable', label: 'cockatiel timeout' },
  { error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'), expected: 'retryable', label: 'AbortSignal.timeout' },
  { error: new BrokenCircuitError(), expected: 'retryable', label: 'circuit open' },
);

const permanentOthers = fc.oneof(
  fc.string().map((m): Case => ({ error: new Error(m.replace(/connection|timeout/gi, '')), expected: 'permanent', label: 'plain Error' })),
  fc.constant<Case>({ error: z.object({ a: z.string() }).safeParse({}).error, expected: 'permanent', label: 'ZodError' }),
  fc.constant<Case>({ error: new CancelledError('llm chat'), expected: 'permanent', label: 'cancelled' }),
  fc.constant<Case>({ error: new UpstreamError('llm', 'not JSON', 200, 'bad_response'), expected: 'permanent', label: 'bad response' }),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)).map((v): Case => ({ error: v, expected: 'permanent', label: 'not an Error' })),
);

const direct = fc.oneof(appErrors, errnos, sqlstates, prisma, statuses, timeouts, permanentOthers);

// fetch wraps a socket error: TypeError('fetch failed', { cause }); wrapping keeps the inner verdict,
// except that an AppError's own code always decides.
const wrapped = fc.oneof(errnos, sqlstates, statuses).map((c): Case => ({ error: new TypeError('fetch failed', { cause: c.error }), expected: c.expected, label: `wrapped ${c.label}` }));
const appWrapping = fc.tuple(appErrors, errnos).map(([a, inner]): Case => ({
  error: new AppError((a.error as AppError).code, 'wrapping', undefined, { cause: inner.error }),
  expected: a.expected,
  label: `${a.label} over ${inner.label}`,
}));

const anyCase = fc.oneof(direct, wrapped, appWrapping);

describe('error classification', () => {
  // Property 29 (backend-optimization): Error classification
  it('every error is classified retryable (network errors, timeouts, 429/503, serialization failures) or permanent (validation, auth, not found, other 4xx)', () => {
    fc.assert(
      fc.property(anyCase, ({ error, expected, label }) => {
        expect(classify(error), label).toBe(expected);
        expect(explain(error).reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('a caller mistake never counts against a breaker; a dependency fault does', () => {
    expect(isDependencyFailure(new AppError('NOT_FOUND', 'x'))).toBe(false);
    expect(isDependencyFailure(new UpstreamError('llm', '400', 400))).toBe(false);
    expect(isDependencyFailure(new CancelledError('x'))).toBe(false);
    expect(isDependencyFailure(new UpstreamError('llm', '500', 500))).toBe(true);
    expect(isDependencyFailure(new UpstreamError('llm', 'bad', 200, 'bad_response'))).toBe(true);
    expect(isDependencyFailure(coded('ECONNREFUSED'))).toBe(true);
    expect(isDependencyFailure(new AppError('INTERNAL', 'x'))).toBe(true);
  });
});

describe('retries follow the classification', () => {
  // Property 29 (backend-optimization): Error classification
  // Property 26 (backend-optimization): Error response after retry exhaustion
  it('permanent errors are called once and rethrown as they are; retryable ones are called 1 + maxAttempts times and end in UNAVAILABLE with the attempt count', async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, fc.integer({ min: 0, max: 4 }), async ({ error, expected, label }, maxAttempts) => {
        // thrown values that are not Errors: cockatiel hands them on unchanged too
        const retrier = new Retrier({ maxAttempts, initialDelayMs: 0, maxDelayMs: 0 });
        let calls = 0;
        const caught = await retrier
          .execute('op under test', () => {
            calls++;
            throw error;
          })
          .then(
            () => {
              throw new Error('should have failed');
            },
            (e: unknown) => e,
          );
        const circuitOpen = error instanceof BrokenCircuitError;
        if (expected === 'permanent') {
          expect(calls, label).toBe(1);
          expect(caught, label).toBe(error);
        } else {
          expect(calls, label).toBe(circuitOpen ? 1 : maxAttempts + 1); // an open circuit is not retried
          expect(caught, label).toBeInstanceOf(AppError);
          const appError = caught as AppError;
          expect(appError.code).toBe('UNAVAILABLE');
          expect(appError.details).toMatchObject({ attempts: calls, maxAttempts: maxAttempts + 1, operation: 'op under test' });
          expect(appError.cause).toBe(error);
          if (!circuitOpen) expect(appError.message).toContain(`after ${calls} attempt`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a retryable failure followed by success returns the value', async () => {
    const retrier = new Retrier({ maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0 });
    let calls = 0;
    const value = await retrier.execute('flaky', () => {
      calls++;
      if (calls < 3) throw new UpstreamError('llm', '503', 503);
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });
});
