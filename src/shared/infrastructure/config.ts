import { z } from 'zod';

/**
 * Every app parses its env once at start-up. A bad value stops the process with a message that
 * names the variable, instead of failing later somewhere far from the cause.
 */
export class ConfigError extends Error {}

export function parseConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(env)';
    return `  ${variable}: ${issue.message} (got ${JSON.stringify(env[variable] ?? null)})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Ports each context listens on when run locally; 0 in tests. */
export const DEFAULT_PORTS = {
  gateway: 3000,
  customer: 3101,
  inventory: 3102,
  order: 3103,
  payment: 3104,
  notification: 3105,
  worker: 3106,
} as const;
