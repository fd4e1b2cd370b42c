/**
 * Baseline: the no-op workflow with the saga's activity shape (bench/baseline.workflow.ts) on its
 * own worker process and task queue, on the same Temporal server, in a closed loop.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { Supervisor } from '../deploy/supervisor.js';
import type { BaselineSchema, ActivityShapeSchema } from './result.schema.js';
import type { z } from 'zod';
import { closedLoop } from './loops.js';
import { perSecond, summarize } from './stats.js';

export async function runBaseline(options: {
  supervisor: Supervisor;
  client: Client;
  env: NodeJS.ProcessEnv;
  shape: z.infer<typeof ActivityShapeSchema>;
  concurrency: number;
  durationMs: number;
}): Promise<z.infer<typeof BaselineSchema>> {
  const { supervisor, client, shape } = options;
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const child = supervisor.run('baseline-worker', ['--import', 'tsx', 'bench/baseline-worker.ts'], {
    env: { ...options.env, BASELINE_TASK_QUEUE: taskQueue },
    exit: 'tolerate',
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('baseline worker did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('baseline worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`baseline worker exited (code ${code})`)));
  });
  const latencies: number[] = [];
  let errors = 0;
  const input = { sequence: shape.sequence, ref: { orderId: randomUUID(), customerId: randomUUID() } };
  const run = async (record: boolean) => {
    const started = performance.now();
    try {
      await client.workflow.execute('baselineWorkflow', { taskQueue, workflowId: `bench-baseline-${randomUUID()}`, args: [input] });
      if (record) latencies.push(performance.now() - started);
    } catch {
      if (record) errors++;
    }
  };
  try {
    // Warm-up: the first workflow tasks load the bundle and open the pollers.
    await closedLoop(options.concurrency, Math.min(2000, options.durationMs / 4), () => run(false));
    const seconds = await closedLoop(options.concurrency, options.durationMs, () => run(true));
    return {
      concurrency: options.concurrency,
      durationS: Math.round(seconds * 10) / 10,
      completed: latencies.length,
      errors,
      workflowsPerS: perSecond(latencies.length, seconds),
      latencyMs: summarize(latencies),
    };
  } finally {
    await supervisor.stopChild(child);
  }
}
