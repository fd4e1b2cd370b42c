/**
 * Catalog read: GET /api/products through the gateway (auth-free route -> inventory service ->
 * Postgres) against a bare Koa process serving the same JSON, both loaded by autocannon for the
 * same time with the same connections, one after the other.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import type { z } from 'zod';
import type { Supervisor } from '../deploy/supervisor.js';
import type { CatalogSchema } from './result.schema.js';

type Side = z.infer<typeof CatalogSchema>['gateway'];

const sideOf = (result: Result): Side => ({
  requestsPerS: Math.round(result.requests.average * 10) / 10,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts,
  non2xx: result.non2xx,
});

export async function runCatalog(options: {
  supervisor: Supervisor;
  gatewayUrl: string;
  dataDir: string;
  connections: number;
  durationS: number;
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
    const load = (url: string) => autocannon({ url, connections: options.connections, duration: options.durationS });
    // A short warm-up of each, so neither side pays for its JIT inside the measurement.
    await autocannon({ url: `${options.gatewayUrl}/api/products`, connections: 4, duration: 1 });
    const gateway = sideOf(await load(`${options.gatewayUrl}/api/products`));
    await autocannon({ url: `http://127.0.0.1:${port}/api/products`, connections: 4, duration: 1 });
    const bareKoa = sideOf(await load(`http://127.0.0.1:${port}/api/products`));
    return {
      connections: options.connections,
      durationS: options.durationS,
      gateway,
      bareKoa,
      ratio: bareKoa.requestsPerS > 0 ? Math.round((gateway.requestsPerS / bareKoa.requestsPerS) * 1000) / 1000 : 0,
      bodyBytes: Buffer.byteLength(body),
    };
  } finally {
    await supervisor.stopChild(child);
  }
}
