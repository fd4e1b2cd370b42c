/**
 * Build step (`npm run build`, after tsc): bundles the compiled workflows once into
 * dist/src/workflows/workflow-bundle.cjs, which a compiled worker loads instead of running webpack
 * at every start (seconds of start-up and tens of MB of resident memory; docs/performance.md).
 * Run from dist/ (node dist/deploy/bundle-workflows.js) so that it bundles the compiled .js.
 */
import { writeFile } from 'node:fs/promises';
import { bundleWorkflows, PREBUILT_BUNDLE_PATH, prebuiltBundleIsCurrent } from '../src/apps/worker/temporal-worker.js';
import { RUNNING_COMPILED } from '../src/shared/infrastructure/paths.js';

if (!RUNNING_COMPILED) {
  process.stderr.write('bundle-workflows: run the compiled script (node dist/deploy/bundle-workflows.js) after tsc\n');
  process.exit(64);
}
// The worker's own freshness check: a bundle written after tsc's last emit is current.
if (prebuiltBundleIsCurrent()) process.exit(0);
const { code } = await bundleWorkflows();
await writeFile(PREBUILT_BUNDLE_PATH, code);
process.stdout.write(`workflow bundle: ${PREBUILT_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)\n`);
