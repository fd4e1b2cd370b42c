/**
 * Catalog read: GET /api/products through the gateway (auth-free route -> inventory service ->
 * Postgres) against a bare Koa process serving the same JSON, both loaded by autocannon for the
 * same time with the same connections. The time is cut into rounds that alternate the two sides,
 * and the ratio is the median of the rounds' ratios: on a shared machine a burst of other work
 * (a checkpoint, a dev server's housekeeping) during one side's only window had moved the ratio
 * between 0.35 and 0.61 from run to run; now it lands in one round, on both sides alike or not at all.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import type { z } from 'zod';
import type { Supervisor } from '../deploy/supervisor.js';
import type { CatalogSchema } from './result.schema.js';

type Side = z.infer<typeof CatalogSchema>['gateway'];

/** One side over every round: requests/s over the whole time, the median round's p50, the worst round's p99. */
function sideOf(results: readonly Result[]): Side {
  const seconds = results.reduce((sum, result) => sum + result.duration, 0);
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    requestsPerS: seconds > 0 ? Math.round((requests / seconds) * 10) / 10 : 0,
    p50: median(results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function runCatalog(options: {
  supervisor: Supervisor;
  gatewayUrl: string;
  dataDir: string;
  connections: number;
  /** Seconds of load on each side in all, cut into `rounds` alternating windows. */
  durationS: number;
  rounds: number;
}): Promise<z.infer<typeof CatalogSchema>> {
  const { supervisor } = options;
  const response = await fetch(`${options.gatewayUrl}/api/products`);
  const body = await response.text();
  const file = path.join(options.dataDir, 'products.json');
  await writeFile(file, body);
  const child = supervisor.run('bare-koa', ['--import', 'tsx', 'bench/bare-koa.ts', file], { exit: 'tolerate' });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare Koa did not start within 30 s')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  try {
    const gatewayUrl = `${options.gatewayUrl}/api/products`;
    const bareUrl = `http://127.0.0.1:${port}/api/products`;
    const roundS = Math.max(1, Math.round(options.durationS / options.rounds));
    const load = (url: string) => autocannon({ url, connections: options.connections, duration: roundS });
    // A short warm-up of each, so neither side pays for its JIT inside the measurement.
    await autocannon({ url: gatewayUrl, connections: 4, duration: 1 });
    await autocannon({ url: bareUrl, connections: 4, duration: 1 });
    const gatewayRounds: Result[] = [];
    const bareRounds: Result[] = [];
    for (let round = 0; round < options.rounds; round++) {
      gatewayRounds.push(await load(gatewayUrl));
      bareRounds.push(await load(bareUrl));
    }
    const roundRatios = gatewayRounds.map((result, round) => {
      const bare = bareRounds[round].requests.total / bareRounds[round].duration;
      return bare > 0 ? Math.round((result.requests.total / result.duration / bare) * 1000) / 1000 : 0;
    });
    return {
      connections: options.connections,
      durationS: roundS * options.rounds,
      rounds: options.rounds,
      gateway: sideOf(gatewayRounds),
      bareKoa: sideOf(bareRounds),
      roundRatios,
      ratio: median(roundRatios),
      bodyBytes: Buffer.byteLength(body),
    };
  } finally {
    await supervisor.stopChild(child);
  }
}
