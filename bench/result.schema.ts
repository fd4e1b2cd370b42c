/**
 * The shape of bench/results/<timestamp>.json, shared by the writer (bench/run.ts) and the quick
 * bench's test, so a result file that stops matching what readers expect fails CI.
 */
import { z } from 'zod';

const count = z.number().int().min(0);
const ms = z.number().min(0);
const rate = z.number().min(0);

export const LatencySchema = z.object({
  count,
  p50: ms.nullable(),
  p95: ms.nullable(),
  p99: ms.nullable(),
  max: ms.nullable(),
});
export type Latency = z.infer<typeof LatencySchema>;

export const ActivityShapeSchema = z.object({
  /** Kinds in the order the approved saga ran them: 'regular' (ActivityTaskScheduled) or 'local' (marker). */
  sequence: z.array(z.enum(['regular', 'local'])),
  regular: count,
  local: count,
  /** The history the shape was read from. */
  workflowId: z.string(),
});

export const BaselineSchema = z.object({
  concurrency: count,
  durationS: z.number().positive(),
  completed: count,
  errors: count,
  workflowsPerS: rate,
  latencyMs: LatencySchema,
});

export const SagaClosedSchema = z.object({
  concurrency: count,
  durationS: z.number().positive(),
  accepted: count,
  confirmed: count,
  cancelled: count,
  unfinished: count,
  errors: count,
  ordersPerS: rate,
  acceptMs: LatencySchema,
  finalMs: LatencySchema,
  /** ordersPerS / baseline workflowsPerS. */
  ratioToBaseline: z.number().min(0).nullable(),
});

export const OpenLoopStepSchema = z.object({
  offeredPerS: rate,
  durationS: z.number().positive(),
  sent: count,
  accepted: count,
  achievedPerS: rate,
  confirmed: count,
  cancelled: count,
  unfinished: count,
  errors: count,
  /** Finals that came back per second of the step (orders that reached CONFIRMED/CANCELLED). */
  finalsPerS: rate,
  acceptMs: LatencySchema,
  finalMs: LatencySchema,
  /** Mix of cards sent (behaviour -> count). */
  cards: z.record(z.string(), count),
});

export const CatalogSchema = z.object({
  connections: count,
  /** Seconds of load on each side in all. */
  durationS: z.number().positive(),
  /** Alternating windows (gateway, bare Koa, gateway, ...) the time was cut into. */
  rounds: z.number().int().positive(),
  /** Over all rounds: requests/s over the whole time, the median round's p50, the worst round's p99. */
  gateway: z.object({ requestsPerS: rate, p50: ms, p99: ms, errors: count, non2xx: count }),
  bareKoa: z.object({ requestsPerS: rate, p50: ms, p99: ms, errors: count, non2xx: count }),
  /** Gateway over bare Koa in each round. */
  roundRatios: z.array(z.number().min(0)),
  /** The median of roundRatios. */
  ratio: z.number().min(0),
  bodyBytes: count,
});

export const ProcessUsageSchema = z.object({
  name: z.string(),
  pid: z.number().int(),
  idle: z.object({ rssMb: z.number().min(0), cpuPercent: z.number().min(0) }),
  load: z.object({ rssMb: z.number().min(0), cpuPercent: z.number().min(0), peakRssMb: z.number().min(0) }),
  /** CPU % of one core during the baseline run (only Temporal and the baseline worker should be busy). */
  baseline: z.object({ cpuPercent: z.number().min(0) }),
});

export const CostSchema = z.object({
  sampledOrders: count,
  historyEvents: z.object({ mean: z.number().min(0), min: count, max: count }),
  /** Per approved order: start + activities (regular + local) + timers + signals + updates. */
  actions: z.object({
    mean: z.number().min(0),
    start: z.number().min(0),
    activities: z.number().min(0),
    localActivities: z.number().min(0),
    timers: z.number().min(0),
    signals: z.number().min(0),
    updates: z.number().min(0),
    searchAttributeUpserts: z.number().min(0),
  }),
  processes: z.array(ProcessUsageSchema),
});

export const TargetSchema = z.object({
  name: z.string(),
  target: z.string(),
  actual: z.string(),
  met: z.boolean().nullable(),
  /** How far off, in words ("short by 23%"), when missed. */
  gap: z.string().optional(),
});

export const BenchResultSchema = z.object({
  version: z.literal(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  quick: z.boolean(),
  machine: z.object({
    cpus: count,
    cpuModel: z.string(),
    memoryGb: z.number().min(0),
    node: z.string(),
    platform: z.string(),
    /** 1/5/15-minute load averages at the start and at the end: other work on the machine skews the figures. */
    loadAverageStart: z.array(z.number()).length(3),
    loadAverageEnd: z.array(z.number()).length(3),
  }),
  system: z.object({
    temporal: z.string(),
    temporalSource: z.string(),
    sagaWorkers: count,
    /** Settings changed for the bench (say, the gateway's rate limits), so nobody mistakes them for defaults. */
    overrides: z.record(z.string(), z.string()),
    customers: count,
    /**
     * How deploy/supervisor.ts ran the deployables (compiled dist/ or tsx: memory and start-up differ).
     * Absent in results from before it was recorded.
     */
    runtime: z.enum(['dist', 'tsx']).optional(),
  }),
  shape: ActivityShapeSchema,
  baseline: BaselineSchema,
  sagaClosed: SagaClosedSchema,
  openLoop: z.object({
    steps: z.array(OpenLoopStepSchema),
    /** Rates not offered because an earlier step already left most orders unfinished. */
    skippedRates: z.array(rate),
    knee: rate.nullable(),
    kneeRule: z.string(),
  }),
  catalog: CatalogSchema,
  cost: CostSchema,
  targets: z.array(TargetSchema),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;
