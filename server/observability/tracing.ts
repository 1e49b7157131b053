// OpenTelemetry tracing, loaded before anything else so its instrumentations see the
// modules they patch being loaded:
//
//   node --import tsx --import ./server/observability/tracing.ts server/main.ts
//
// (npm run serve, npm start and the browser tests' server all start this way.)
// On only when OTEL_EXPORTER_OTLP_ENDPOINT is set and TRACING_ENABLED is not false:
// then spans of HTTP (server and client), pg, ioredis and Prisma go to
// {endpoint}/v1/traces over OTLP/HTTP, sampled at OTEL_TRACES_SAMPLER_RATIO (parent-based,
// so a caller's decision is kept). Off, nothing is loaded and the OTel API is a no-op.
// Every log line written inside a span carries its trace_id and span_id (logger.ts).
// Our code is ESM (tsx), so import-in-the-middle's loader hook is registered too, told
// to wrap only the modules the instrumentations ask for.
import { register } from 'node:module';
import { env } from '../env';

type Sdk = { shutdown(): Promise<void> };
const state = globalThis as typeof globalThis & { __afirgenTracing?: Sdk };

/** Flushes and stops tracing (a no-op when it is off). */
export async function shutdownTracing(): Promise<void> {
  await state.__afirgenTracing?.shutdown().catch(() => undefined);
}

async function start(endpoint: string): Promise<void> {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const [{ NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }, { PgInstrumentation }, { IORedisInstrumentation }, { PrismaInstrumentation }, sdkTrace, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/instrumentation-ioredis'),
      import('@prisma/instrumentation'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
    ]);
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': env.SERVICE_NAME }),
    sampler: new sdkTrace.ParentBasedSampler({ root: new sdkTrace.TraceIdRatioBasedSampler(env.OTEL_TRACES_SAMPLER_RATIO) }),
    spanProcessors: [new sdkTrace.BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }))],
    instrumentations: [
      new HttpInstrumentation({
        // Server spans are made by server-span.ts (far cheaper); this traces outgoing calls.
        disableIncomingRequestInstrumentation: true,
        // The exporter's own requests would otherwise be traced, and exported, forever.
        ignoreOutgoingRequestHook: (opts) => String(opts.path ?? '').startsWith('/v1/traces'),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  state.__afirgenTracing = sdk;
  await waitForAllMessagesAcknowledged();
}

if (env.TRACING_ENABLED && env.OTEL_EXPORTER_OTLP_ENDPOINT && !state.__afirgenTracing) {
  await start(env.OTEL_EXPORTER_OTLP_ENDPOINT);
}
