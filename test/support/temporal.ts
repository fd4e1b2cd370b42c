import { provideTemporalServer, type TemporalServer } from '../../deploy/temporal-server.js';

/**
 * One real Temporal dev server per test run (in memory, no UI), started on first use by the
 * suites that need it and stopped by the root hooks. TEMPORAL_ADDRESS points the run at a cluster.
 */
let server: Promise<TemporalServer> | undefined;

export function testTemporalServer(): Promise<TemporalServer> {
  server ??= provideTemporalServer({
    ui: false,
    log: (line) => process.env.TEST_LOG_LEVEL && process.stderr.write(`[temporal] ${line}\n`),
  });
  return server;
}

export async function stopTestTemporal(): Promise<void> {
  if (!server) return;
  const pending = server;
  server = undefined;
  const running = await pending.catch(() => undefined);
  await running?.stop();
}
