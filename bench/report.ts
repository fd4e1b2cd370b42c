/** The issue's targets checked against one run, and the run as a Markdown report (also printed). */
import type { BenchResult } from './result.schema.js';

type Target = BenchResult['targets'][number];
type Measured = Omit<BenchResult, 'targets'>;

const pct = (value: number) => `${Math.round(value * 100)}%`;

/** At least `want`: met, or short by how much. */
function atLeast(name: string, target: string, actual: number | null, want: number, unit = ''): Target {
  if (actual === null) return { name, target, actual: 'not measured', met: null };
  const met = actual >= want;
  return {
    name,
    target,
    actual: `${actual}${unit}`,
    met,
    ...(met ? {} : { gap: `short by ${round(want - actual)}${unit} (${pct((want - actual) / want)})` }),
  };
}

/** Below `limit`: met, or over by how much. */
function below(name: string, target: string, actual: number | null, limit: number, unit: string): Target {
  if (actual === null) return { name, target, actual: 'not measured', met: null };
  const met = actual < limit;
  return {
    name,
    target,
    actual: `${actual}${unit}`,
    met,
    ...(met ? {} : { gap: `over by ${round(actual - limit)}${unit} (${pct((actual - limit) / limit)})` }),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The open-loop step offered closest to `rate` (the quick run offers other rates). */
const stepAt = (result: Measured, rate: number) => result.openLoop.steps.find((step) => step.offeredPerS === rate);

/** A rate the ladder never reached because a lower one already saturated the system: missed, not unmeasured. */
function notReached(result: Measured, rate: number, name: string, target: string): Target | undefined {
  if (!result.openLoop.skippedRates.includes(rate)) return undefined;
  const saturatedAt = result.openLoop.steps[result.openLoop.steps.length - 1]?.offeredPerS;
  const knee = result.openLoop.knee;
  return {
    name,
    target,
    actual: `not offered: saturated at ${saturatedAt} orders/s`,
    met: false,
    gap: `the system kept up with ${knee === null ? 'no rate offered' : `${knee} orders/s`}, not ${rate}`,
  };
}

/** A latency limit at an offered rate; missed outright when the ladder never offered that rate. */
function belowAtRate(
  result: Measured,
  rate: number,
  name: string,
  target: string,
  latency: (step: Measured['openLoop']['steps'][number]) => number | null,
  limitMs: number,
): Target {
  const step = stepAt(result, rate);
  return notReached(result, rate, name, target) ?? below(name, target, step ? latency(step) : null, limitMs, ' ms');
}

export function checkTargets(result: Measured): Target[] {
  const idle = (name: string) => result.cost.processes.find((process) => process.name === name)?.idle.rssMb ?? null;
  const contexts = ['customer', 'inventory', 'order', 'payment', 'notification'];
  const workers = result.cost.processes.filter((process) => process.name.startsWith('worker'));
  return [
    atLeast('saga vs baseline', 'saga closed-loop orders/s >= 0.8 x baseline workflows/s', result.sagaClosed.ratioToBaseline, 0.8, ' x'),
    atLeast('approved orders/s', 'end-to-end >= 15 approved orders/s (closed loop)', result.sagaClosed.ordersPerS, 15, '/s'),
    belowAtRate(result, 20, 'accept p99 @ 20/s', 'accept p99 < 50 ms at an offered 20 orders/s', (step) => step.acceptMs.p99, 50),
    belowAtRate(result, 10, 'final p50 @ 10/s', 'accept-to-final p50 < 500 ms at an offered 10 orders/s', (step) => step.finalMs.p50, 500),
    atLeast('catalog vs bare Koa', 'GET /api/products through the gateway >= 40% of bare Koa', round(result.catalog.ratio), 0.4, ' x'),
    ...contexts.map((name) => below(`idle RSS ${name}`, `idle RSS of the ${name} service < 100 MB`, idle(name), 100, ' MB')),
    ...workers.map((worker) => below(`idle RSS ${worker.name}`, 'idle RSS of the worker < 200 MB', worker.idle.rssMb, 200, ' MB')),
  ];
}

const fmt = (value: number | null | undefined) => (value === null || value === undefined ? '-' : String(value));

function table(header: string[], rows: (string | number | null)[][]): string {
  const line = (cells: (string | number | null)[]) => `| ${cells.map((cell) => fmt(cell as number | null)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function markdownReport(result: BenchResult, chartFile?: string): string {
  const { machine, system, shape, baseline, sagaClosed, openLoop, catalog, cost } = result;
  const loadCpu = sum(cost.processes.map((p) => p.load.cpuPercent));
  const baselineCpu = sum(cost.processes.map((p) => p.baseline.cpuPercent));
  const overrides = Object.entries(system.overrides)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [
    `# sagashop bench${result.quick ? ' (quick: tiny loads, figures mean nothing)' : ''}`,
    '',
    `${result.startedAt} to ${result.finishedAt}; ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; ` +
      `load average ${machine.loadAverageStart.join(' / ')} at the start, ${machine.loadAverageEnd.join(' / ')} at the end.`,
    `Temporal ${system.temporal} (${system.temporalSource}); ${system.sagaWorkers} saga worker(s); ${system.customers} customers; ` +
      `deployables run ${system.runtime === undefined ? '(not recorded)' : system.runtime === 'dist' ? 'compiled (dist/)' : 'with tsx'}. ` +
      `Changed for the bench: ${overrides}.`,
    '',
    '## Targets',
    '',
    table(
      ['target', 'actual', 'met'],
      result.targets.map((t) => [t.target, t.actual, t.met === null ? 'n/a' : t.met ? 'yes' : `**no**: ${t.gap ?? ''}`]),
    ),
    '',
    '## Throughput (closed loop)',
    '',
    `Baseline shape (from saga ${shape.workflowId}): ${shape.regular} regular + ${shape.local} local activities, ` +
      `in the order ${shape.sequence.join(', ')}.`,
    '',
    table(
      ['run', 'concurrency', 'seconds', 'done/s', 'p50 ms', 'p99 ms', 'errors'],
      [
        [
          'baseline no-op workflow (start to result)',
          baseline.concurrency,
          baseline.durationS,
          baseline.workflowsPerS,
          baseline.latencyMs.p50,
          baseline.latencyMs.p99,
          baseline.errors,
        ],
        [
          'saga: accept (POST /api/orders to 202)',
          sagaClosed.concurrency,
          sagaClosed.durationS,
          sagaClosed.ordersPerS,
          sagaClosed.acceptMs.p50,
          sagaClosed.acceptMs.p99,
          sagaClosed.errors,
        ],
        [
          'saga: accept to final (socket.io push)',
          sagaClosed.concurrency,
          sagaClosed.durationS,
          sagaClosed.ordersPerS,
          sagaClosed.finalMs.p50,
          sagaClosed.finalMs.p99,
          sagaClosed.unfinished,
        ],
      ],
    ),
    '',
    `Saga / baseline: ${fmt(sagaClosed.ratioToBaseline)} (orders/s over workflows/s); ` +
      `${sagaClosed.confirmed} confirmed, ${sagaClosed.cancelled} cancelled, ${sagaClosed.unfinished} unfinished.`,
    '',
    '## Latency against offered load (open loop, cards 8 approve : 1 decline : 1 transient)',
    '',
    ...(chartFile ? [`![latency percentiles against offered load](${chartFile})`, ''] : []),
    table(
      [
        'offered/s',
        'sent',
        'accepted/s',
        'finals/s',
        'accept p50',
        'p95',
        'p99',
        'final p50',
        'p95',
        'p99',
        'confirmed',
        'cancelled',
        'unfinished',
        'errors',
      ],
      openLoop.steps.map((s) => [
        s.offeredPerS,
        s.sent,
        s.achievedPerS,
        s.finalsPerS,
        s.acceptMs.p50,
        s.acceptMs.p95,
        s.acceptMs.p99,
        s.finalMs.p50,
        s.finalMs.p95,
        s.finalMs.p99,
        s.confirmed,
        s.cancelled,
        s.unfinished,
        s.errors,
      ]),
    ),
    '',
    `Knee: ${openLoop.knee === null ? 'below the lowest rate offered' : `${openLoop.knee} orders/s`} ` +
      `(${openLoop.kneeRule}). Latencies in ms.` +
      (openLoop.skippedRates.length > 0
        ? ` Not offered: ${openLoop.skippedRates.join(', ')} orders/s ` +
          '(a lower rate already left over a quarter of its orders unfinished or failed).'
        : ''),
    '',
    '## Catalog read',
    '',
    table(
      ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
      [
        [
          'gateway GET /api/products',
          catalog.gateway.requestsPerS,
          catalog.gateway.p50,
          catalog.gateway.p99,
          catalog.gateway.errors,
          catalog.gateway.non2xx,
        ],
        [
          'bare Koa, same JSON',
          catalog.bareKoa.requestsPerS,
          catalog.bareKoa.p50,
          catalog.bareKoa.p99,
          catalog.bareKoa.errors,
          catalog.bareKoa.non2xx,
        ],
      ],
    ),
    '',
    `Gateway / bare Koa: ${catalog.ratio}, the median of ${catalog.rounds} alternating rounds (${catalog.roundRatios.join(', ')}) ` +
      `(autocannon, ${catalog.connections} connections, ${catalog.durationS} s each in all, ${catalog.bodyBytes} bytes a response).`,
    '',
    '## Cost per approved order',
    '',
    `From ${cost.sampledOrders} histories: ${cost.historyEvents.mean} history events ` +
      `(${cost.historyEvents.min} to ${cost.historyEvents.max}); ${cost.actions.mean} actions = 1 start + ` +
      `${cost.actions.activities} activities + ${cost.actions.localActivities} local activities + ` +
      `${cost.actions.timers} timers + ${cost.actions.signals} signals + ${cost.actions.updates} updates ` +
      `(plus ${cost.actions.searchAttributeUpserts} search-attribute upserts, which Temporal Cloud also bills).`,
    '',
    table(
      [
        'process',
        'idle RSS MB',
        'idle CPU %',
        'load RSS MB',
        'peak RSS MB',
        'load CPU %',
        'CPU ms / order',
        'baseline CPU %',
        'CPU ms / baseline workflow',
      ],
      [
        ...cost.processes.map((p) => [
          p.name,
          p.idle.rssMb,
          p.idle.cpuPercent,
          p.load.rssMb,
          p.load.peakRssMb,
          p.load.cpuPercent,
          perUnit(p.load.cpuPercent, sagaClosed.ordersPerS),
          p.baseline.cpuPercent,
          perUnit(p.baseline.cpuPercent, baseline.workflowsPerS),
        ]),
        [
          '**all**',
          '',
          '',
          '',
          '',
          loadCpu,
          perUnit(loadCpu, sagaClosed.ordersPerS),
          baselineCpu,
          perUnit(baselineCpu, baseline.workflowsPerS),
        ],
      ],
    ),
    '',
    'CPU % is of one core (200 = both cores of this machine); load = the saga closed loop, baseline = the baseline run. ' +
      'CPU ms per order (or per baseline workflow) = CPU time over the window divided by what completed in it: ' +
      'where the machine spends its two cores on one order. Postgres and Temporal include all their processes.',
    '',
  ].join('\n');
}

/** CPU milliseconds per completed unit, from CPU % of one core and units per second. */
function perUnit(cpuPercent: number, perS: number): number | string {
  return perS > 0 ? Math.round((cpuPercent * 10) / perS) : '';
}

function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;
}
