/**
 * Every metric sagashop exports, declared once: the dashboards and their test read the names from
 * here. One process-wide prom-client registry: a deployable is one process, and Prometheus tells
 * deployables apart by its scrape job. Labels are bounded sets (routes, steps, codes, services):
 * never an order, customer or request id.
 *
 * Cheap when nobody scrapes: counters and histograms are a few additions per event, and the
 * gauges that depend on live objects (database pools) are read only when /metrics is asked.
 */
import { Counter, Gauge, Histogram, collectDefaultMetrics, register, type Registry } from 'prom-client';

export const metricsRegistry: Registry = register;

let defaultsCollected = false;
/** Process metrics (CPU, memory, event loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Seconds: from a fast JSON answer (~1 ms) to a saga that waited on retries (~minutes). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SAGA_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180, 300, 600, 900];

export const METRIC_NAMES = {
  httpDuration: 'http_server_request_duration_seconds',
  sagaCompleted: 'sagashop_saga_completed_total',
  sagaDuration: 'sagashop_saga_duration_seconds',
  stepAttempts: 'sagashop_saga_step_attempts_total',
  stepFailures: 'sagashop_saga_step_failures_total',
  compensations: 'sagashop_saga_compensations_total',
  compensationFailures: 'sagashop_saga_compensation_failures_total',
  breakerState: 'sagashop_circuit_breaker_state',
  breakerTransitions: 'sagashop_circuit_breaker_transitions_total',
  rateLimitRejections: 'sagashop_rate_limit_rejections_total',
  socketConnections: 'sagashop_socketio_connections',
  socketConnectionsTotal: 'sagashop_socketio_connections_total',
  socketEvents: 'sagashop_socketio_events_pushed_total',
  dbPool: 'sagashop_db_pool_connections',
  dbPoolMax: 'sagashop_db_pool_max_connections',
} as const;

/** Requests by service, method, route template (never the raw path) and status. */
export const httpRequestDuration = new Histogram({
  name: METRIC_NAMES.httpDuration,
  help: 'HTTP requests served, by route template and status, and how long they took',
  labelNames: ['service', 'method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const sagaCompleted = new Counter({
  name: METRIC_NAMES.sagaCompleted,
  help: 'Order sagas finished, by outcome (CONFIRMED, CANCELLED, REJECTED, NEEDS_ATTENTION, FAILED)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const sagaDuration = new Histogram({
  name: METRIC_NAMES.sagaDuration,
  help: 'Order saga duration from workflow start to its result, by outcome',
  labelNames: ['outcome'] as const,
  buckets: SAGA_BUCKETS,
  registers: [metricsRegistry],
});

export const stepAttempts = new Counter({
  name: METRIC_NAMES.stepAttempts,
  help: 'Saga activity attempts started, by step and kind (forward, compensation)',
  labelNames: ['step', 'kind'] as const,
  registers: [metricsRegistry],
});

export const stepFailures = new Counter({
  name: METRIC_NAMES.stepFailures,
  help: 'Saga activity attempts that failed, by step, error code and whether Temporal retries it',
  labelNames: ['step', 'kind', 'code', 'retryable'] as const,
  registers: [metricsRegistry],
});

export const compensations = new Counter({
  name: METRIC_NAMES.compensations,
  help: 'Compensations run (first attempt of a compensating step), by step',
  labelNames: ['step'] as const,
  registers: [metricsRegistry],
});

export const compensationFailures = new Counter({
  name: METRIC_NAMES.compensationFailures,
  help: 'Compensation attempts that failed, by step and error code',
  labelNames: ['step', 'code'] as const,
  registers: [metricsRegistry],
});

/** One series per state, 1 for the current one (the Prometheus way to export an enum). */
export const breakerState = new Gauge({
  name: METRIC_NAMES.breakerState,
  help: 'Circuit breaker state per downstream service: 1 for the current state, 0 for the others',
  labelNames: ['service', 'state'] as const,
  registers: [metricsRegistry],
});

export const breakerTransitions = new Counter({
  name: METRIC_NAMES.breakerTransitions,
  help: 'Circuit breaker state changes per downstream service, by the state entered',
  labelNames: ['service', 'to'] as const,
  registers: [metricsRegistry],
});

export const rateLimitRejections = new Counter({
  name: METRIC_NAMES.rateLimitRejections,
  help: 'Requests refused with 429 by the gateway, by rate-limit rule',
  labelNames: ['rule'] as const,
  registers: [metricsRegistry],
});

export const socketConnections = new Gauge({
  name: METRIC_NAMES.socketConnections,
  help: 'socket.io connections open now',
  registers: [metricsRegistry],
});

export const socketConnectionsTotal = new Counter({
  name: METRIC_NAMES.socketConnectionsTotal,
  help: 'socket.io connections accepted',
  registers: [metricsRegistry],
});

export const socketEventsPushed = new Counter({
  name: METRIC_NAMES.socketEvents,
  help: 'Events pushed to socket.io rooms, by event name',
  labelNames: ['event'] as const,
  registers: [metricsRegistry],
});

/** What a knex (tarn) pool tells about itself; read at scrape time. */
export interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  readonly max: number;
}

const pools = new Map<string, () => PoolStats | undefined>();

/** A database pool to report on /metrics until it is gone (its reader answers undefined). */
export function trackPool(database: string, read: () => PoolStats | undefined): void {
  pools.set(database, read);
}

function eachPool(visit: (database: string, pool: PoolStats) => void): void {
  for (const [database, read] of pools) {
    const pool = read();
    if (pool) visit(database, pool);
    else pools.delete(database);
  }
}

export const dbPoolConnections = new Gauge({
  name: METRIC_NAMES.dbPool,
  help: 'Database pool connections by database and state (used, free, pending acquires)',
  labelNames: ['database', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    eachPool((database, pool) => {
      this.set({ database, state: 'used' }, pool.numUsed());
      this.set({ database, state: 'free' }, pool.numFree());
      this.set({ database, state: 'pending' }, pool.numPendingAcquires());
    });
  },
});

export const dbPoolMax = new Gauge({
  name: METRIC_NAMES.dbPoolMax,
  help: 'Database pool size limit by database',
  labelNames: ['database'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    eachPool((database, pool) => this.set({ database }, pool.max));
  },
});

/** The text exposition of every metric of this process. */
export function renderMetrics(): Promise<string> {
  return metricsRegistry.metrics();
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;
