import { execFileSync } from 'node:child_process';
import { DefaultLogger, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../../shared/infrastructure/logger.js';

let runtimeInstalled = false;
let sdkMetricsUrl: string | undefined;

/**
 * Where Core serves the SDK's own Prometheus metrics (task slots, schedule-to-start latency, sticky
 * cache, ...); the worker's /metrics appends them to ours, so one scrape target has both.
 * Undefined until the runtime is installed.
 */
export function temporalSdkMetricsUrl(): string | undefined {
  return sdkMetricsUrl;
}

const HOST_PORT = /^[\w.-]+:\d{1,5}$/;

/**
 * SDK and core logs go through pino like every other line we log. Once per process, before any
 * worker (or replayer) exists; later calls are no-ops.
 */
export function installTemporalRuntime(logger: Logger, level: string, metricsAddress = process.env.TEMPORAL_SDK_METRICS_ADDRESS): void {
  if (runtimeInstalled) return;
  if (metricsAddress !== undefined && !HOST_PORT.test(metricsAddress)) {
    throw new Error(`TEMPORAL_SDK_METRICS_ADDRESS must be host:port, got ${JSON.stringify(metricsAddress)}`);
  }
  runtimeInstalled = true;
  const bindAddress = metricsAddress ?? `127.0.0.1:${freePortSync()}`;
  sdkMetricsUrl = `http://${bindAddress.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}/metrics`;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger(sdkLevel(level), (entry) => {
      const method =
        entry.level === 'TRACE'
          ? 'trace'
          : entry.level === 'DEBUG'
            ? 'debug'
            : entry.level === 'INFO'
              ? 'info'
              : entry.level === 'WARN'
                ? 'warn'
                : 'error';
      sdkLogger[method](entry.meta ?? {}, entry.message);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level === 'silent' ? 'ERROR' : 'WARN' }), forward: {} },
      // Prometheus conventions: counters end in _total, durations in seconds with the unit in the name.
      metrics: { prometheus: { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
    },
  });
}

function sdkLevel(level: string): LogLevel {
  // The SDK's INFO is chatty (every state change); keep it one notch quieter than ours.
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}

/**
 * A free local port, found synchronously: Runtime.install() is synchronous and once per process, and
 * Core cannot tell which port it got for ":0". Costs one short child process at start-up.
 */
function freePortSync(): number {
  const script =
    "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 }));
}
