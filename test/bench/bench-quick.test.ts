import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/shared/infrastructure/paths.js';
import { BenchResultSchema } from '../../bench/result.schema.js';
import { kneeOf } from '../../bench/saga.js';
import { summarize } from '../../bench/stats.js';

/**
 * `npm run bench -- --quick` end to end: it starts its own system, runs every measurement tiny,
 * and writes a result file that the writer's own schema accepts, with its report and chart. No
 * thresholds: this machine's speed is not what CI checks.
 */
describe('npm run bench -- --quick', function () {
  // Bounded: a fresh system (Postgres, Temporal, eight processes) plus seconds of load. About a
  // minute on a quiet 2-core machine; minutes when other test runs share the cores.
  const BOUND_MS = 180_000;
  this.timeout(BOUND_MS + 30_000);
  let out: string;

  before(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'sagashop-bench-quick-'));
  });

  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes a well-formed result, report and chart, and stops everything it started', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      cwd: REPO_ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), BOUND_MS);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, `bench --quick failed (exit ${code}):\n${output.slice(-4000)}`);

    const files = await readdir(out);
    const json = files.find((file) => /^\d{4}-.*\.json$/.test(file));
    assert.ok(json, `no result file in ${files.join(', ')}`);
    const result = BenchResultSchema.parse(JSON.parse(await readFile(path.join(out, json), 'utf8')));
    assert.equal(result.quick, true);
    // The baseline copies what a real approved saga ran.
    assert.ok(result.shape.regular + result.shape.local > 0);
    assert.equal(result.shape.sequence.length, result.shape.regular + result.shape.local);
    assert.ok(result.sagaClosed.accepted > 0, 'the closed loop placed no order');
    assert.equal(result.openLoop.steps.length, 2);
    assert.ok(result.cost.processes.some((p) => p.name === 'gateway'));
    assert.ok(result.targets.length > 0);

    const stem = json.slice(0, -'.json'.length);
    const markdown = await readFile(path.join(out, `${stem}.md`), 'utf8');
    assert.match(markdown, /## Targets/);
    const svg = await readFile(path.join(out, `${stem}.svg`), 'utf8');
    assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
    for (const latest of ['latest.json', 'latest.md', 'latest.svg']) assert.ok(files.includes(latest), `${latest} missing`);
  });
});

describe('bench statistics', () => {
  it('takes exact nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    assert.deepEqual(summarize(samples), { count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    assert.deepEqual(summarize([]), { count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('puts the knee at the last rate the system kept up with', () => {
    const step = (offeredPerS: number, achievedPerS: number, finalP50: number) => ({
      offeredPerS,
      achievedPerS,
      errors: 0,
      finalMs: { count: 1, p50: finalP50, p95: finalP50, p99: finalP50, max: finalP50 },
    });
    const steps = [step(2, 2, 300), step(5, 5, 320), step(10, 9.5, 700), step(20, 12, 2000)];
    assert.equal(kneeOf(steps), 5);
    assert.equal(kneeOf([step(2, 1, 300)]), null);
  });
});
