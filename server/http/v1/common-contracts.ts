// Contracts shared by every /api/v1 endpoint: the error envelope, pagination and
// the `fields=` parameter. zod, so that validation and the OpenAPI document are one.
import { z } from 'zod';
import { ERROR_CODES, type AppErrorCode } from '../../lib';

export const ZDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 date-time (UTC)' });

export const ZErrorEnvelope = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_CODES) as [AppErrorCode, ...AppErrorCode[]]),
        message: z.string().meta({ description: 'what went wrong; for 5xx a generic line with the correlation id' }),
        correlation_id: z.string().meta({ description: 'the X-Request-Id of the request (sent or generated)' }),
        timestamp: ZDateTime,
        details: z.unknown().meta({ description: 'null, or structured detail: `issues` for validation errors' }),
      })
      .strict(),
  })
  .strict();

export const ZPagination = z
  .object({
    total_count: z.number().int().nonnegative().meta({ description: 'FIRs matching the filters, across all pages' }),
    page_size: z.number().int().min(1).max(100),
    next_cursor: z.string().nullable().meta({ description: 'pass as `cursor` for the next page; null on the last page' }),
    has_more: z.boolean(),
  })
  .strict();

/**
 * `fields=a,b`: the names (of `allowed`) to return, always with `always` (the id). Unknown names
 * are a 400 naming them. Parsed to a list, or null when absent.
 */
export function fieldsParam(allowed: readonly string[], always = 'id') {
  return z
    .string()
    .max(1000) // every field name of a FIR fits many times over
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return null;
      const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (names.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'fields must name at least one field' });
        return z.NEVER;
      }
      const unknown = names.filter((n) => !allowed.includes(n));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
          params: { unknownFields: unknown, allowed },
        });
        return z.NEVER;
      }
      return [...new Set([always, ...names])];
    })
    .meta({ description: `Comma-separated field names to return (${always} is always included). One of: ${allowed.join(', ')}` });
}

/** Only the named fields of `value`, or all of it when `fields` is null. */
export function pickFields<T extends Record<string, unknown>>(value: T, fields: readonly string[] | null): T {
  if (!fields) return value;
  return Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, value[f]])) as T;
}

/** The keys of a zod object, for `fields=` lists: the response schema is the list. */
export const keysOf = (schema: z.ZodObject): string[] => Object.keys(schema.shape);
