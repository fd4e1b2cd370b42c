import type { DomainErrorKind } from '../../kernel/domain-error.js';

/** The one place where an error kind becomes an HTTP status. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
};

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

/** Errors that belong to the transport, not to any domain (bad JSON, unknown route, body too large). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
