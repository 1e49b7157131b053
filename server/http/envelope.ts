// The error envelope every API error uses:
// {"error":{"code","message","correlation_id","timestamp","details"}}.
import { publicMessage, type AppErrorCode } from '../lib';

export type ErrorEnvelope = {
  error: { code: AppErrorCode; message: string; correlation_id: string; timestamp: string; details: unknown };
};

export function errorEnvelope(code: AppErrorCode, message: string, correlationId: string, details: unknown = null): ErrorEnvelope {
  return {
    error: {
      code,
      message: publicMessage(code, message, correlationId),
      correlation_id: correlationId,
      timestamp: new Date().toISOString(),
      details,
    },
  };
}
