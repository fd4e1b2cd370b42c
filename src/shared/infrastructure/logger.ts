import { pino, type Logger } from 'pino';
import { traceFields } from './observability/tracing.js';

export type { Logger };

export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
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
  });
}
