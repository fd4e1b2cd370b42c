/**
 * Baseline: the no-op workflow with the saga's activity shape (bench/baseline.workflow.ts) on its
 * own worker process and task queue, on the same Temporal server, in a closed loop.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import { nodeFlags, type Supervisor } from '../deploy/supervisor.js';
import { closedLoop } from './loops.js';
import type { ActivityShapeSchema, BaselineSchema } from './result.schema.js';
import { perSecond, summarize } from './stats.js';

export interface BaselineWorker {
  taskQueue: string;
  /** Resolves when the worker polls its task queue. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts bench/baseline-worker.ts as a child process on a task queue of its own. */
export function startBaselineWorker(supervisor: Supervisor, env: NodeJS.ProcessEnv): BaselineWorker {
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  // The saga worker's V8 flags: the same runtime on both sides of the ratio.
  const child = supervisor.run('baseline-worker', [...nodeFlags('worker'), '--import', 'tsx', 'bench/baseline-worker.ts'], {
    env: { ...env, BASELINE_TASK_QUEUE: taskQueue },
    exit: 'tolerate',
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('baseline worker did not start within 300 s')), 300_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('baseline worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline worker exited (code ${code})`));
    });
  });
  return { taskQueue, ready, stop: () => supervisor.stopChild(child) };
}

export async function runBaseline(options: {
  worker: BaselineWorker;
  client: Client;
  shape: z.infer<typeof ActivityShapeSchema>;
  concurrency: number;
  durationMs: number;
  /**
   * Called when the measured loop starts (after the warm-up); what it returns is called when the
   * loop ends, before the worker stops: the bench's CPU window.
   */
  measured?: () => () => void;
}): Promise<z.infer<typeof BaselineSchema>> {
  const { worker, client, shape } = options;
  await worker.ready;
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  const input = { sequence: shape.sequence, ref: { orderId: randomUUID(), customerId: randomUUID() } };
  const once = async () => {
    const started = performance.now();
    try {
      await client.workflow.execute('baselineWorkflow', {
        taskQueue: worker.taskQueue,
        workflowId: `bench-baseline-${randomUUID()}`,
        args: [input],
      });
      if (measuring) latencies.push(performance.now() - started);
    } catch {
      if (measuring) errors++;
    }
  };
  try {
    // Warm-up: the first workflow tasks load the bundle and open the pollers.
    await closedLoop(options.concurrency, Math.min(2000, options.durationMs / 4), once);
    measuring = true;
    const measuredEnds = options.measured?.();
    const seconds = await closedLoop(options.concurrency, options.durationMs, once);
    measuredEnds?.();
    return {
      concurrency: options.concurrency,
      durationS: Math.round(seconds * 10) / 10,
      completed: latencies.length,
      errors,
      workflowsPerS: perSecond(latencies.length, seconds),
      latencyMs: summarize(latencies),
    };
  } finally {
    // Idle from here on, but it would still poll: stopped, so it costs the saga's runs nothing.
    await worker.stop();
  }
}
