// The process logger: pino, JSON lines on stdout, one `service` field per process.
// Correlation ids and redaction rules grow here (observability issue).
import pino from 'pino';
import { env } from '../env';
import { remember } from '../lib';

export const logger = remember('logger', () =>
  pino({
    level: env.LOG_LEVEL,
    base: { service: env.SERVICE_NAME },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'apiKey', '*.apiKey', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  }),
);
