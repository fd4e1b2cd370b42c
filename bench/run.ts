/**
 * `npm run bench [-- --quick] [--temporal-address host:port] [--workers N] [--rates 2,5,10] [--out dir]`
 *
 * Starts a fresh sagashop (bench/system.ts), measures it, and writes <out>/<timestamp>.json, .md
 * and .svg (and latest.* copies): baseline no-op workflow, the saga in a closed and an open loop
 * through the public API, the catalog read against bare Koa, and the cost per order. Every load
 * goes to 127.0.0.1, is bounded in time and stops by itself. --quick runs a tiny version (CI).
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { appArgs } from '../deploy/supervisor.js';
import { REPO_ROOT } from '../src/shared/infrastructure/paths.js';
import { parseCodecKeyring } from '../src/shared/infrastructure/temporal/codec-keys.js';
import { temporalDataConverter } from '../src/shared/infrastructure/temporal/data-converter.js';
import { orderWorkflowId } from '../src/workflows/order-saga.messages.js';
import { runBaseline } from './baseline.js';
import { runCatalog } from './catalog.js';
import { latencyChartSvg } from './chart.js';
import { costOf, historyOf, shapeOf } from './histories.js';
import { usageWindow, type UsageWindow } from './processes.js';
import { checkTargets, markdownReport } from './report.js';
import { BenchResultSchema, type BenchResult } from './result.schema.js';
import { KNEE_RULE, kneeOf, sagaClosedLoop, sagaOpenLoopStep, saturated } from './saga.js';
import { Shop } from './shoppers.js';
import { BENCH_GATEWAY_OVERRIDES, startBenchSystem, type BenchSystem } from './system.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'temporal-address': { type: 'string' },
    workers: { type: 'string', default: '1' },
    /** The open loop's offered rates (orders/s), to look at one region of the curve in a shorter run. */
    rates: { type: 'string' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'bench/results') },
  },
});

/** Loads of the full run (about 4 minutes) and of --quick (seconds: it checks the plumbing, not the speed). */
const PLAN = args.quick
  ? {
      customers: 3,
      concurrency: 3,
      baselineMs: 2_000,
      closedMs: 3_000,
      rates: [2, 5],
      stepMs: 2_000,
      finalTimeoutMs: 10_000,
      catalogS: 1,
      catalogRounds: 1,
      idleMs: 1_000,
      histories: 2,
    }
  : {
      customers: 40,
      concurrency: 16,
      baselineMs: 20_000,
      closedMs: 30_000,
      rates: [2, 5, 10, 20, 40],
      stepMs: 20_000,
      finalTimeoutMs: 30_000,
      catalogS: 10,
      catalogRounds: 5,
      idleMs: 5_000,
      histories: 10,
    };

if (args.rates !== undefined) {
  const rates = args.rates.split(',').map(Number);
  if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0 || rate > 200))
    throw new Error('--rates takes offered rates in orders/s, comma-separated, each above 0 and at most 200 (e.g. 5,10,20)');
  PLAN.rates = rates;
}

const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

async function main(): Promise<void> {
  const workers = Number(args.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new Error('--workers must be a whole number from 1 to 16');
  const temporalAddress = args['temporal-address'] ?? process.env.TEMPORAL_ADDRESS;
  const startedAt = new Date();
  const loadAverageStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  log(`bench${args.quick ? ' --quick' : ''}: load average ${loadAverageStart.join(' ')} on ${os.cpus().length} CPUs`);
  log(
    `gateway rate limits raised for the bench: ${Object.entries(BENCH_GATEWAY_OVERRIDES)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );

  const system = await startBenchSystem({ temporalAddress, workers, log });
  const connection = await Connection.connect({ address: system.temporal.address });
  const client = new Client({
    connection,
    namespace: system.temporal.namespace,
    dataConverter: temporalDataConverter(parseCodecKeyring(system.codecKeys, undefined)),
  });
  const shop = await openShop(system, PLAN.customers);
  try {
    const names = () => new Map(system.processes().map(({ name, pid }) => [pid, name]));

    log('shape: one approved order, its history read back');
    const first = await shop.place(shop.shoppers[0], 'APPROVE');
    const firstFinal = await shop.tracker.waitFinal(first.orderId, 30_000);
    if (firstFinal?.status !== 'CONFIRMED')
      throw new Error(`the first order did not confirm (${firstFinal?.status ?? 'no final within 30 s'})`);
    await client.workflow.getHandle(orderWorkflowId(first.orderId)).result();
    const shape = shapeOf(await historyOf(client, first.orderId), orderWorkflowId(first.orderId));
    log(`  ${shape.regular} regular + ${shape.local} local activities: ${shape.sequence.join(' ')}`);

    log(`idle: ${PLAN.idleMs / 1000} s`);
    const idleWindow = usageWindow(names);
    await new Promise((resolve) => setTimeout(resolve, PLAN.idleMs));
    const idle = idleWindow.stop();

    // Before the saga runs: orders still finishing from the open loop would take the gateway's CPU.
    log(`catalog: gateway against bare Koa, ${PLAN.catalogS} s each`);
    const catalog = await runCatalog({
      supervisor: system.supervisor,
      gatewayUrl: system.gatewayUrl,
      dataDir: system.dataDir,
      connections: 20,
      durationS: PLAN.catalogS,
      rounds: PLAN.catalogRounds,
    });
    log(`  gateway ${catalog.gateway.requestsPerS} req/s, bare Koa ${catalog.bareKoa.requestsPerS} req/s`);

    log(`baseline: closed loop, concurrency ${PLAN.concurrency}, ${PLAN.baselineMs / 1000} s`);
    let baselineUsage: UsageWindow[] = [];
    const baseline = await runBaseline({
      measured: () => {
        const window = usageWindow(names);
        return () => {
          baselineUsage = window.stop();
        };
      },
      worker: system.baseline,
      client,
      shape,
      concurrency: PLAN.concurrency,
      durationMs: PLAN.baselineMs,
    });
    log(`  ${baseline.workflowsPerS} workflows/s, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms`);

    log(`saga: closed loop, concurrency ${PLAN.concurrency}, ${PLAN.closedMs / 1000} s`);
    const loadWindow = usageWindow(names);
    const closed = await sagaClosedLoop(shop, PLAN.concurrency, PLAN.closedMs, PLAN.finalTimeoutMs);
    const load = loadWindow.stop();
    log(`  ${closed.ordersPerS} orders/s, accept p99 ${closed.acceptMs.p99} ms, final p50 ${closed.finalMs.p50} ms`);

    const steps: BenchResult['openLoop']['steps'] = [];
    const skippedRates: number[] = [];
    for (const rate of PLAN.rates) {
      if (steps.some(saturated)) {
        skippedRates.push(rate);
        log(`saga: open loop at ${rate} orders/s skipped (a lower rate already left most orders unfinished)`);
        continue;
      }
      log(`saga: open loop at ${rate} orders/s for ${PLAN.stepMs / 1000} s`);
      const step = await sagaOpenLoopStep(shop, rate, PLAN.stepMs, PLAN.finalTimeoutMs);
      log(`  accepted ${step.achievedPerS}/s, accept p99 ${step.acceptMs.p99} ms, final p50 ${step.finalMs.p50} ms, errors ${step.errors}`);
      steps.push(step);
    }

    log('cost: histories of a sample of approved orders');
    const sample = [first.orderId, ...closed.confirmedIds].slice(0, PLAN.histories);
    await Promise.all(sample.map((orderId) => client.workflow.getHandle(orderWorkflowId(orderId)).result()));
    const histories = await Promise.all(sample.map((orderId) => historyOf(client, orderId)));

    const { confirmedIds: _ids, ...sagaClosed } = closed;
    const measured = {
      version: 1 as const,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      quick: args.quick,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageStart,
        loadAverageEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
      },
      system: {
        temporal: system.temporal.address,
        temporalSource: system.temporal.source,
        sagaWorkers: workers,
        overrides: { ...BENCH_GATEWAY_OVERRIDES },
        customers: shop.shoppers.length,
        runtime: appArgs('worker').includes('tsx') ? ('tsx' as const) : ('dist' as const),
      },
      shape,
      baseline,
      sagaClosed: {
        ...sagaClosed,
        ratioToBaseline: baseline.workflowsPerS > 0 ? Math.round((closed.ordersPerS / baseline.workflowsPerS) * 1000) / 1000 : null,
      },
      openLoop: { steps, skippedRates, knee: kneeOf(steps), kneeRule: KNEE_RULE },
      catalog,
      cost: { ...costOf(histories), processes: joinUsage(idle, baselineUsage, load) },
    };
    const result: BenchResult = BenchResultSchema.parse({ ...measured, targets: checkTargets(measured) });
    await writeResults(result);
  } finally {
    shop.close();
    await connection.close();
    await system.stop();
  }
}

async function openShop(system: BenchSystem, customers: number): Promise<Shop> {
  // Stock enough for every order of the run, on every product of the demo catalog (orders spread over them).
  const response = await fetch(`${system.urls.inventory}/products?limit=100`);
  const { items } = (await response.json()) as { items: { sku: string }[] };
  for (const { sku } of items) {
    const set = await fetch(`${system.urls.inventory}/products/${sku}/stock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stock: 1_000_000 }),
    });
    if (!set.ok) throw new Error(`setting the stock of ${sku}: HTTP ${set.status}`);
  }
  const shop = new Shop(
    system.gatewayUrl,
    items.map((item) => item.sku),
  );
  log(`registering ${customers} customers with sockets`);
  await shop.register(customers, randomUUID().slice(0, 8));
  return shop;
}

function joinUsage(idle: UsageWindow[], baseline: UsageWindow[], load: UsageWindow[]): BenchResult['cost']['processes'] {
  return idle.map((before) => {
    const during = load.find((entry) => entry.name === before.name);
    const duringBaseline = baseline.find((entry) => entry.name === before.name);
    return {
      name: before.name,
      pid: before.pid,
      idle: { rssMb: before.rssMb, cpuPercent: before.cpuPercent },
      load: { rssMb: during?.rssMb ?? 0, cpuPercent: during?.cpuPercent ?? 0, peakRssMb: during?.peakRssMb ?? 0 },
      baseline: { cpuPercent: duringBaseline?.cpuPercent ?? 0 },
    };
  });
}

async function writeResults(result: BenchResult): Promise<void> {
  const out = path.resolve(args.out);
  await mkdir(out, { recursive: true });
  const stamp = result.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const files = { json: `${stamp}.json`, md: `${stamp}.md`, svg: `${stamp}.svg` };
  const markdown = markdownReport(result, files.svg);
  await writeFile(path.join(out, files.json), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(out, files.svg), await latencyChartSvg(result));
  await writeFile(path.join(out, files.md), markdown);
  // Stable names for the README to point at.
  await copyFile(path.join(out, files.json), path.join(out, 'latest.json'));
  await copyFile(path.join(out, files.svg), path.join(out, 'latest.svg'));
  await writeFile(path.join(out, 'latest.md'), markdownReport(result, 'latest.svg'));
  process.stdout.write(`${markdown}\n`);
  log(`written: ${path.join(out, files.json)} (.md, .svg; latest.* copies)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
