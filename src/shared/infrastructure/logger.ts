import { pino, type Logger } from 'pino';
import { traceFields } from './observability/tracing.js';

export type { Logger };

let stdout: pino.DestinationStream | undefined;
/**
 * One non-blocking stdout for the whole process: lines are written by asynchronous writes that
 * gather whatever piled up meanwhile, instead of one blocking write per line on the request path
 * (with per-request access logs at info, a synchronous stdout held the gateway's catalog reads to
 * about a fifth of their rate; docs/performance.md). pino flushes it synchronously on exit and on
 * fatal(); only a SIGKILL can lose the last lines.
 */
function processStdout(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name,
      level,
      // Secrets never reach a log line, whatever a caller passes in.
      redact: {
        paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'req.headers.authorization', 'cardNumber', '*.cardNumber'],
        censor: '[redacted]',
      },
      // traceId/spanId of the active span on every line (nothing when tracing is off), so a log line
      // leads to its trace and back.
      mixin: traceFields,
    },
    processStdout(),
  );
}
