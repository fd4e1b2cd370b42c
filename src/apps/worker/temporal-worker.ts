import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode, type ActivityInterceptorsFactory, type WorkflowBundle } from '@temporalio/worker';
import type { Logger } from '../../shared/infrastructure/logger.js';
import {
  OTEL_WORKFLOW_INTERCEPTORS_PATH,
  temporalActivityTracing,
  temporalWorkflowSpanSinks,
} from '../../shared/infrastructure/observability/temporal-tracing.js';
import { tracingOn } from '../../shared/infrastructure/observability/tracing.js';
import { sagaMetricsSinks } from '../../activities/saga-metrics.js';
import { MODULE_EXTENSION, RUNNING_COMPILED } from '../../shared/infrastructure/paths.js';
import type { CodecKeyring } from '../../shared/infrastructure/temporal/payload-codec.js';
import { FAILURE_CONVERTER_PATH, temporalDataConverter } from '../../shared/infrastructure/temporal/data-converter.js';
import type { WorkerActivities } from './worker.container.js';
import type { WorkerConfig } from './worker.config.js';

/** The workflow sources the worker bundles: the compiled .js under dist/ when it runs from there. */
export const WORKFLOWS_PATH = fileURLToPath(new URL(`../../workflows/index${MODULE_EXTENSION}`, import.meta.url));

/**
 * The workflow bundle `npm run build` writes next to the compiled workflows (deploy/bundle-workflows.ts).
 * A compiled worker loads it instead of running webpack at start-up, which costs seconds and leaves
 * tens of MB of resident memory behind (docs/performance.md).
 */
export const PREBUILT_BUNDLE_PATH = fileURLToPath(new URL('../../workflows/workflow-bundle.cjs', import.meta.url));

/** Where the worker's workflow code comes from: a bundle given (tests), the prebuilt one (dist/), or the sources. */
function workflowSource(
  bundle: WorkflowBundle | undefined,
): { workflowBundle: WorkflowBundle | { codePath: string } } | { workflowsPath: string } {
  if (bundle) return { workflowBundle: bundle };
  // The prebuilt bundle has no OpenTelemetry workflow interceptors: with tracing on the worker
  // bundles its own, or workflow spans would be missing and each activity would start a new trace.
  if (RUNNING_COMPILED && !tracingOn() && prebuiltBundleIsCurrent()) return { workflowBundle: { codePath: PREBUILT_BUNDLE_PATH } };
  return { workflowsPath: WORKFLOWS_PATH };
}

/** Written after the last tsc emit (tsc -b rewrites its build info whenever it emits): not older workflow code. */
export function prebuiltBundleIsCurrent(): boolean {
  const buildInfo = fileURLToPath(new URL('../../../.tsbuildinfo', import.meta.url));
  if (!existsSync(PREBUILT_BUNDLE_PATH)) return false;
  return !existsSync(buildInfo) || statSync(PREBUILT_BUNDLE_PATH).mtimeMs >= statSync(buildInfo).mtimeMs;
}

/** Reports saga outcomes through a sink: no commands, so histories are the same with or without it. */
export const SAGA_METRICS_INTERCEPTORS_PATH = fileURLToPath(
  new URL(`../../workflows/saga-metrics.interceptors${import.meta.url.endsWith('.js') ? '.js' : '.ts'}`, import.meta.url),
);

/**
 * Interceptor modules bundled with the workflows. The OpenTelemetry one only with tracing on: it
 * adds a tracing header to every activity it schedules.
 */
export function workflowInterceptorModules(tracing = tracingOn()): string[] {
  return tracing ? [SAGA_METRICS_INTERCEPTORS_PATH, OTEL_WORKFLOW_INTERCEPTORS_PATH] : [SAGA_METRICS_INTERCEPTORS_PATH];
}

export interface TemporalWorkerOptions {
  config: Pick<WorkerConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;
  activities: WorkerActivities;
  interceptors: ActivityInterceptorsFactory[];
  keyring: CodecKeyring;
  logger: Logger;
  /** A bundle made once (tests); without it the worker bundles WORKFLOWS_PATH itself. */
  workflowBundle?: WorkflowBundle;
}

export interface RunningTemporalWorker {
  worker: Worker;
  /** Stops polling, lets running tasks finish, then closes the connection. */
  stop(): Promise<void>;
}

/** Connects, creates the worker and starts polling; run() keeps going until stop(). */
export async function startTemporalWorker(options: TemporalWorkerOptions): Promise<RunningTemporalWorker> {
  const { config, logger } = options;
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  let worker: Worker;
  try {
    worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      ...workflowSource(options.workflowBundle),
      activities: options.activities,
      interceptors: {
        // Tracing first, so every other interceptor runs inside the activity's span.
        activity: [...temporalActivityTracing(), ...options.interceptors],
        // When the worker bundles workflowsPath itself; a bundle carries its own (bundleWorkflows).
        ...('workflowsPath' in workflowSource(options.workflowBundle) ? { workflowModules: workflowInterceptorModules() } : {}),
      },
      sinks: { ...sagaMetricsSinks(), ...temporalWorkflowSpanSinks() },
      // Everything the worker hands Temporal is encrypted, failure messages and stacks included.
      dataConverter: temporalDataConverter(options.keyring),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const running = worker.run();
  running.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}

/** `tracing` adds the OpenTelemetry workflow interceptors (default: whether tracing is on in this process). */
export function bundleWorkflows(options: { tracing?: boolean } = {}): Promise<WorkflowBundle> {
  // The sandbox converts workflow failures itself: it needs the same failure converter.
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: workflowInterceptorModules(options.tracing ?? tracingOn()),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
  error: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
};
