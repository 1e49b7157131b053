// The process logger: pino, one JSON object per line on stdout:
//   { "level", "timestamp", "service", "correlation_id", "trace_id"?, "span_id"?, …fields, "message" }
// correlation_id comes from the request or job context (server/lib/request-context)
// through pino's mixin, so every line written while serving a request or running a
// job carries it without anyone passing it along; trace_id/span_id from the active
// OpenTelemetry span when tracing is on. Everything logged is cleaned by redact.ts
// (secrets and complainants' personal data), errors included.
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { env } from '../env';
import { remember } from '../lib/remember';
import { currentContext } from '../lib/request-context';
import { redactAny, redactObject, scrubString } from './redact';

export type LogSink = { write(line: string): void };

// Lines go to a swappable target so tests can read exactly what production writes.
// The default is pino's own synchronous stdout writer.
const sinkState = remember('logger:sink', () => ({ target: pino.destination({ dest: 1, sync: true }) as LogSink }));
const sink: LogSink = { write: (line) => sinkState.target.write(line) };

/** Sends log lines to `target` until the returned function is called (tests). */
export function redirectLogs(target: LogSink): () => void {
  const before = sinkState.target;
  sinkState.target = target;
  return () => void (sinkState.target = before);
}

/** The active span's ids (for records that outlive the request, e.g. slow-query captures); undefined when not tracing. */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

function contextFields(): Record<string, string> {
  const out: Record<string, string> = {};
  const ctx = currentContext();
  if (ctx) out.correlation_id = ctx.correlationId;
  const span = trace.getActiveSpan();
  if (span) {
    const sc = span.spanContext();
    out.trace_id = sc.traceId;
    out.span_id = sc.spanId;
  }
  return out;
}

export function createLogger(opts: { level?: string; service?: string; destination?: LogSink } = {}): pino.Logger {
  const root = pino(
    {
      level: opts.level ?? env.LOG_LEVEL,
      base: { service: opts.service ?? env.SERVICE_NAME },
      messageKey: 'message',
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      mixin: contextFields,
      // Errors are turned into { type, message, stack } by redact.ts, with the same cleaning.
      serializers: { err: (e: unknown) => e },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactObject(bindings),
        log: (obj) => redactObject(obj),
      },
      hooks: {
        // The message and its interpolation arguments, cleaned like every other string;
        // a line logged with only an object or an error still gets a message.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          let clean: unknown[];
          if (typeof first === 'string') {
            clean = [scrubString(first), ...rest.map((a) => (typeof a === 'string' ? scrubString(a) : redactAny(a)))];
          } else if (typeof rest[0] === 'string') {
            clean = [first, scrubString(rest[0]), ...rest.slice(1).map((a) => (typeof a === 'string' ? scrubString(a) : redactAny(a)))];
          } else {
            const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
            clean = [first, err instanceof Error ? scrubString(err.message) : ''];
          }
          return method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? sink,
  );
  // pino formats a child's bindings with an identity function, not formatters.bindings;
  // children are made with Object.create(parent), so this override covers grandchildren too.
  const protoChild = Object.getPrototypeOf(root).child as typeof root.child;
  (root as { child: typeof root.child }).child = function (this: pino.Logger, bindings, options) {
    return protoChild.call(this, redactObject(bindings) as pino.Bindings, options);
  } as typeof root.child;
  return root;
}

export const logger = remember('logger', () => createLogger());
