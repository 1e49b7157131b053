// Every error of /api/v1 becomes one envelope here: AppError keeps its status from
// the code table, zod issues become a 400 listing them (paths in snake_case, as the
// client sent them), Fastify's own body errors keep their 400/413/415, and anything
// else is a logged 500 whose message never leaves the server.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../../lib';
import { logger } from '../../observability';
import { dependencyAppError } from '../../resilience/policies';
import { errorEnvelope, type ErrorEnvelope } from '../envelope';
import { snakeCase, toWire } from './case-map';

export const BODY_LIMIT_BYTES = 64 * 1024; // a long narrative is ~20 KB; anything far past that is not a FIR

export type RequestPart = 'params' | 'query' | 'body';

export type IssueDetail = { in?: RequestPart; path: string; code: string; message: string } & Record<string, unknown>;

/** zod issues as the envelope's details list them: where, which field, why. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], part?: RequestPart): IssueDetail[] {
  return issues.map((issue) => {
    const { path, code, message, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown; pattern?: unknown };
    // A named format (date, uuid…) says enough; its regex would only be noise.
    if ('format' in rest && rest.format !== 'regex') delete rest.pattern;
    const extra = toWire(rest as Record<string, unknown>);
    return { ...(part ? { in: part } : {}), path: issuePath(path), code, message, ...extra };
  });
}

function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${snakeCase(String(seg))}`))
    .join('');
}

/** The AppError a failed validation of one request part becomes. */
export function validationError(part: RequestPart, error: z.core.$ZodError): AppError {
  const issues = describeIssues(error.issues, part);
  return new AppError('BAD_REQUEST', `Invalid ${part}: ${summarise(issues)}`, { issues });
}

/** "page_size: Too big: expected number to be <=100 (and 1 more)" */
function summarise(issues: IssueDetail[]): string {
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${first?.message ?? 'invalid'}${more}`;
}

type Mapped = { status: number; code: AppErrorCode; message: string; details: unknown };

function mapError(thrown: unknown): Mapped {
  // Dependency failures (a breaker's refusal) become the AppError they mean to a client.
  const err = dependencyAppError(thrown) ?? thrown;
  if (err instanceof AppError) {
    return { status: err.httpStatus, code: err.code, message: err.message, details: err.details ? toWire(err.details) : null };
  }
  if (err instanceof z.core.$ZodError) {
    const issues = describeIssues(err.issues);
    return { status: 400, code: 'BAD_REQUEST', message: `Invalid input: ${summarise(issues)}`, details: { issues } };
  }
  const fastify = err as Partial<FastifyError>;
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than ${BODY_LIMIT_BYTES / 1024} KB`, details: { limit_bytes: BODY_LIMIT_BYTES } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported media type: send the body as application/json', details: null };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'BAD_REQUEST', message: 'Malformed JSON body', details: null };
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code: AppErrorCode = fastify.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return { status: fastify.statusCode, code, message: fastify.message ?? 'Bad request', details: null };
  }
  return { status: 500, code: 'INTERNAL', message: '', details: null };
}

/** The status and envelope for any error thrown while answering a /api/v1 request. */
export function errorResponse(err: unknown, requestId: string): { status: number; body: ErrorEnvelope } {
  const m = mapError(err);
  // 5xx details are internals too: only the envelope's generic message goes out.
  return { status: m.status, body: errorEnvelope(m.code, m.message, requestId, m.status >= 500 ? null : m.details) };
}

/** A Fastify error handler that answers with the envelope (used per route by withApiKey and for the v1 404s). */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorResponse(err, request.id);
  if (status >= 500) logger.error({ err, requestId: request.id, url: request.url }, 'api v1 request failed');
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="afirgen-api"');
  // A 429's wait, as the header clients and proxies act on and the details say it.
  const retryAfter = (body.error.details as { retry_after_seconds?: unknown } | null)?.retry_after_seconds;
  if (status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.header('cache-control', 'no-store').code(status).send(body);
}
