/**
 * Temporal's OpenTelemetry interceptors (the OTel-JS-1.x package, @temporalio/interceptors-opentelemetry
 * 1.24), wired only when tracing is on: off, no `_tracer-data` header is added anywhere, so
 * workflow histories look exactly as they did without tracing.
 *
 * Imported by subpath: the package's index also loads its workflow-sandbox code.
 */
import { createRequire } from 'node:module';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client/index.js';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry/lib/worker/index.js';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions.js';
import { currentTracing } from './tracing.js';

/** The package's workflow interceptor module, for the worker's bundle (workflow + outbound activity spans). */
export const OTEL_WORKFLOW_INTERCEPTORS_PATH = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/** For a Temporal Client: a span per start/signal/query, its context sent in the workflow's headers. */
export function temporalClientInterceptors(): { workflow: WorkflowClientInterceptor[] } | undefined {
  return currentTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

/** For a Worker: activity spans continuing the workflow's trace (put first: outermost). */
export function temporalActivityTracing(): ActivityInterceptorsFactory[] {
  if (!currentTracing()) return [];
  return [
    (ctx) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }),
  ];
}

/** The sink through which the workflow sandbox exports its spans (empty when tracing is off). */
export function temporalWorkflowSpanSinks(): Partial<InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }>> {
  const tracing = currentTracing();
  return tracing ? { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) } : {};
}
