/**
 * OpenTelemetry tracing: on only when OTEL_EXPORTER_OTLP_ENDPOINT is set, then spans go to that
 * collector over OTLP/HTTP (JSON). Off, nothing is registered: the OTel API hands out no-op
 * spans, and our own hooks (the Koa middleware, the JSON client, the logger) check `tracingOn()`
 * first, so tracing off costs a boolean test per request.
 *
 * The SDK is imported only when tracing starts. Node's ESM `import 'node:http'` is not patched by
 * require hooks, so server spans come from the shared Koa middleware and client spans from the
 * JSON client (both below); SQL spans come from instrumentation-pg, which sees knex's
 * `require('pg')`, so startTracing() must run before the first knex is made.
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Tracing {
  readonly resource: Resource;
  /** Also handed to the Temporal worker, which exports workflow spans through a sink. */
  readonly spanProcessor: SpanProcessor;
  /** Sends what is buffered (tests read the collector right after). */
  flush(): Promise<void>;
  /** Flushes, then unregisters everything, so a later startTracing() starts clean. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

export function tracingOn(): boolean {
  return active !== undefined;
}

export function currentTracing(): Tracing | undefined {
  return active;
}

/** The instrumentation scope of our own spans. */
export function tracer(): Tracer {
  return trace.getTracer('sagashop');
}

export interface TracingEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
}

/**
 * Once per process, first thing in an app's main.ts (before the modules that make knex clients).
 * Returns undefined, and changes nothing, when no OTLP endpoint is configured.
 */
export async function startTracing(service: string, env: TracingEnv = process.env): Promise<Tracing | undefined> {
  if (active) return active;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!endpoint) return undefined;
  const [
    { Resource },
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    { registerInstrumentations },
    { PgInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? service });
  // Short batches: a trace should show up in the collector within a second of the order.
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }), { scheduledDelayMillis: 500 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global tracer provider, AsyncLocalStorage context manager and the W3C traceparent propagator.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false })],
  });
  const tracing: Tracing = {
    resource,
    spanProcessor,
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (active === tracing) active = undefined;
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  active = tracing;
  return tracing;
}

/** An app's stop() that also flushes and closes tracing, so the last spans leave before exit. */
export function stopTracingAfter<T extends { stop(): Promise<void> }>(running: T, tracing: Tracing | undefined): T {
  if (!tracing) return running;
  const stop = running.stop.bind(running);
  running.stop = async () => {
    try {
      await stop();
    } finally {
      await tracing.shutdown();
    }
  };
  return running;
}

function tracesUrl(base: string | undefined): string | undefined {
  if (!base) return undefined;
  return `${base.replace(/\/$/, '')}/v1/traces`;
}

/** Trace and span ids of the active span, for log lines; empty when tracing is off. */
export function traceFields(): { traceId?: string; spanId?: string } {
  if (!active) return {};
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceFlags === 0 && traceId === '00000000000000000000000000000000' ? {} : { traceId, spanId };
}

/** The order a span is about: the attribute every service sets, so one query finds an order's spans. */
export const ORDER_ID_ATTRIBUTE = 'sagashop.order_id';
/** The deployable that made a span (in tests every service shares one process and one resource). */
export const SERVICE_ATTRIBUTE = 'sagashop.service';

/** Marks the active span (if any) with the order it works on. */
export function tagOrder(orderId: string): void {
  if (active) trace.getActiveSpan()?.setAttribute(ORDER_ID_ATTRIBUTE, orderId);
}

/**
 * A SERVER span around `run`, continuing the caller's trace from its headers (traceparent).
 * `finish` names the span once the route is known and returns the status to record.
 */
export async function withServerSpan<T>(
  headers: Record<string, string | string[] | undefined>,
  name: string,
  attributes: Attributes,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => run(span));
  } finally {
    span.end();
  }
}

/** A CLIENT span around an outgoing call; `inject` receives the headers carrying its traceparent. */
export async function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  run: (headers: Record<string, string>, span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const spanContext = trace.setSpan(context.active(), span);
  const headers: Record<string, string> = {};
  propagation.inject(spanContext, headers);
  try {
    return await context.with(spanContext, () => run(headers, span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanStatusCode };
