/**
 * The baseline's worker, a process of its own like the saga's worker: same SDK, same runtime,
 * same data converter (payloads encrypted) and the SDK's default worker options, as
 * src/apps/worker/temporal-worker.ts creates its worker. Run by bench/baseline.ts; stops on SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../src/apps/worker/temporal-runtime.js';
import { createLogger } from '../src/shared/infrastructure/logger.js';
import { parseCodecKeyring } from '../src/shared/infrastructure/temporal/codec-keys.js';
import { FAILURE_CONVERTER_PATH, temporalDataConverter } from '../src/shared/infrastructure/temporal/data-converter.js';
import { createBaselineActivities } from './baseline.activities.js';

const address = process.env.TEMPORAL_ADDRESS;
const taskQueue = process.env.BASELINE_TASK_QUEUE;
const keys = process.env.TEMPORAL_CODEC_KEYS;
if (!address || !taskQueue || !keys) throw new Error('TEMPORAL_ADDRESS, BASELINE_TASK_QUEUE and TEMPORAL_CODEC_KEYS are required');

const logger = createLogger('baseline-worker', process.env.LOG_LEVEL ?? 'warn');
installTemporalRuntime(logger, process.env.LOG_LEVEL ?? 'warn');
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./baseline.workflow.ts', import.meta.url)),
  failureConverterPath: FAILURE_CONVERTER_PATH,
  logger: { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (m) => logger.error(m) },
});
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue,
  workflowBundle,
  activities: createBaselineActivities(),
  dataConverter: temporalDataConverter(parseCodecKeyring(keys, undefined)),
});
process.once('SIGTERM', () => worker.shutdown());
process.once('SIGINT', () => worker.shutdown());
const running = worker.run();
// The parent waits for this line before it starts workflows.
process.stdout.write('baseline worker ready\n');
await running;
await connection.close();
