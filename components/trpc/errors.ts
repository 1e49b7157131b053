// Reading a tRPC error for the UI: zod's field errors (shown next to their fields),
// the form-level ones, and a domain error's message and details.
import type { TrpcError } from './types';

export type FieldErrors = Record<string, string[] | undefined>;

export function fieldErrorsOf(error: TrpcError | null | undefined): FieldErrors {
  return (error?.data?.zodError?.fieldErrors as FieldErrors | undefined) ?? {};
}

export function formErrorsOf(error: TrpcError | null | undefined): string[] {
  return error?.data?.zodError?.formErrors ?? [];
}

export function detailsOf(error: TrpcError | null | undefined): Record<string, unknown> {
  return (error?.data?.details as Record<string, unknown> | null | undefined) ?? {};
}

/** A one-line message for an error that has no field to sit next to. */
export function messageOf(error: TrpcError | Error | null | undefined): string {
  if (!error) return '';
  const data = 'data' in error ? (error.data as { zodError?: { formErrors: string[]; fieldErrors: FieldErrors } | null; code?: string } | undefined) : undefined;
  if (data?.zodError) {
    const { formErrors, fieldErrors } = data.zodError;
    const parts = [...formErrors, ...Object.values(fieldErrors).flatMap((v) => v ?? [])];
    return parts.length ? parts.join('; ') : 'The request was refused as invalid.';
  }
  if (data?.code === 'UNAUTHORIZED') return 'Your session has ended. Sign in again.';
  if (error.message.startsWith('Failed to fetch') || error.message.includes('NetworkError')) {
    return 'Could not reach the server. Check the connection and try again.';
  }
  return error.message;
}
