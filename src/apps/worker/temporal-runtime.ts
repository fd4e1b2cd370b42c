import { DefaultLogger, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../../shared/infrastructure/logger.js';

let runtimeInstalled = false;

/**
 * SDK and core logs go through pino like every other line we log. Once per process, before any
 * worker (or replayer) exists; later calls are no-ops.
 */
export function installTemporalRuntime(logger: Logger, level: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
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
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level === 'silent' ? 'ERROR' : 'WARN' }), forward: {} } },
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
