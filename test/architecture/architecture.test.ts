import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ICruiseResult } from 'dependency-cruiser';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

type Violation = ICruiseResult['summary']['violations'][number];

async function cruise(cwd: string, tsConfig: string): Promise<{ violations: Violation[]; modules: number }> {
  // depcruise exits non-zero on violations; the JSON report is on stdout either way.
  const result = await run(DEPCRUISE, ['src', '--config', CONFIG, '--ts-config', tsConfig, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    if (!error.stdout) throw new Error(`depcruise failed: ${error.stderr}`);
    return { stdout: error.stdout };
  });
  // The shape of depcruise's JSON output is the one its API returns.
  const report = JSON.parse(result.stdout) as ICruiseResult;
  return { violations: report.summary.violations, modules: report.summary.totalCruised };
}

describe('architecture rules (dependency-cruiser)', function () {
  this.timeout(120_000);

  it('src/ has no layering violation', async () => {
    const { violations, modules } = await cruise(ROOT, path.join(ROOT, 'tsconfig.json'));
    assert.ok(modules > 20, `cruised only ${modules} modules: the rules are not looking at the code`);
    const lines = violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    assert.deepEqual(lines, [], `layering violations:\n${lines.join('\n')}`);
  });

  it('every rule still fires on a tree of deliberate violations', async () => {
    const fixtures = path.join(ROOT, 'test/architecture/fixtures');
    const { violations } = await cruise(fixtures, path.join(fixtures, 'tsconfig.json'));
    // npm targets resolve to a path inside node_modules; name them by package for a stable comparison
    const target = (to: string) => to.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
    const fired = new Set(violations.map((v) => `${v.rule.name} ${v.from} -> ${target(v.to)}`));
    const leakyAggregate = 'src/contexts/shop/domain/leaky.aggregate.ts';
    const chargeUseCase = 'src/contexts/billing/application/charge.use-case.ts';
    const shopRecord = 'src/contexts/shop/infrastructure/persistence/shop.record.ts';
    const expected = [
      `domain-is-pure ${leakyAggregate} -> knex`,
      `contexts-meet-only-through-contracts ${chargeUseCase} -> ${shopRecord}`,
      `application-depends-on-domain-only ${chargeUseCase} -> src/contexts/shop/contract.ts`,
      `workflows-are-deterministic src/workflows/bad.workflow.ts -> ${shopRecord}`,
      'apps-do-not-import-apps src/apps/alpha/main.ts -> src/apps/beta/main.ts',
      `persistence-libraries-stay-in-persistence ${leakyAggregate} -> knex`,
      `inversify-only-in-modules-and-apps ${chargeUseCase} -> inversify`,
    ];
    for (const violation of expected) {
      assert.ok(fired.has(violation), `rule did not fire: ${violation}\nfired:\n${[...fired].join('\n')}`);
    }
  });
});
