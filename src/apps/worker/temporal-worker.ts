import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode, type ActivityInterceptorsFactory, type WorkflowBundle } from '@temporalio/worker';
import type { Logger } from '../../shared/infrastructure/logger.js';
import type { CodecKeyring } from '../../shared/infrastructure/temporal/payload-codec.js';
import { FAILURE_CONVERTER_PATH, temporalDataConverter } from '../../shared/infrastructure/temporal/data-converter.js';
import type { WorkerActivities } from './worker.container.js';
import type { WorkerConfig } from './worker.config.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

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
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
      activities: options.activities,
      interceptors: { activity: options.interceptors },
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

export function bundleWorkflows(): Promise<WorkflowBundle> {
  // The sandbox converts workflow failures itself: it needs the same failure converter.
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
  error: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
};
