// The server span of every request, made here rather than by the OTel HTTP
// instrumentation's incoming side: that one binds the request's and response's event
// emitters and computes a dozen attributes before sampling, and cost about 100 µs of CPU
// per request even unsampled (docs/performance.md). Here: the caller's traceparent is
// continued, the span is named and labelled by route template once the response is
// done, and nothing at all happens when tracing is off.
import type http from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { env } from '../env';
import type { RequestContext } from '../lib/request-context';

export const TRACING_ON = Boolean(env.TRACING_ENABLED && env.OTEL_EXPORTER_OTLP_ENDPOINT);
const QUIET = /^\/(api\/metrics|api\/health|_next\/)/; // scraped every few seconds, or static files
const tracer = trace.getTracer('afirgen-http');

/** Runs `handle` inside the request's server span (or just runs it when tracing is off). */
export function inServerSpan(req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext | undefined, handle: () => void): void {
  if (!TRACING_ON || QUIET.test(req.url ?? '')) return handle();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? 'GET';
  const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, parent);
  if (span.isRecording()) {
    res.once('close', () => {
      const route = ctx?.route;
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      span.setAttribute('correlation_id', ctx?.correlationId ?? '');
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  }
  context.with(trace.setSpan(parent, span), handle);
}
