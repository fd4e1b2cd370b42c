import type { z } from 'zod';
import { HttpError } from './errors.js';

/**
 * Request input is checked against the contract's zod schema before any use case runs, so a
 * wrong type never reaches the domain; the envelope lists every problem with its path.
 */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where: 'body' | 'params' | 'query'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HttpError(400, 'VALIDATION.INVALID_REQUEST', `Invalid request ${where}`, {
    issues: result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}
