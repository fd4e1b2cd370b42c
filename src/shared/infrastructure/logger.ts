import { pino, type Logger } from 'pino';

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
  });
}
