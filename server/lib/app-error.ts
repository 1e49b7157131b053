// The one error type. Services throw AppError with a code; this table is the only
// place that says what a code means for tRPC, for HTTP, and for retry decisions.
export const ERROR_CODES = {
  BAD_REQUEST: { trpc: 'BAD_REQUEST', http: 400, retryable: false },
  UNAUTHORIZED: { trpc: 'UNAUTHORIZED', http: 401, retryable: false },
  FORBIDDEN: { trpc: 'FORBIDDEN', http: 403, retryable: false },
  NOT_FOUND: { trpc: 'NOT_FOUND', http: 404, retryable: false },
  CONFLICT: { trpc: 'CONFLICT', http: 409, retryable: false },
  PAYLOAD_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', http: 413, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { trpc: 'UNSUPPORTED_MEDIA_TYPE', http: 415, retryable: false },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', http: 429, retryable: true },
  UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', http: 503, retryable: true },
  INTERNAL: { trpc: 'INTERNAL_SERVER_ERROR', http: 500, retryable: false },
} as const;

export type AppErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

/** The message a client may see: 5xx internals are replaced by a generic line. */
export function publicMessage(code: AppErrorCode, message: string, correlationId?: string): string {
  if (ERROR_CODES[code].http < 500) return message;
  if (code === 'UNAVAILABLE') {
    return `Temporarily unavailable: try again shortly${correlationId ? ` (correlation id ${correlationId})` : ''}`;
  }
  return `Internal error${correlationId ? ` (correlation id ${correlationId})` : ''}`;
}
