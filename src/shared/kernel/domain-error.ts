/**
 * Expected failures are values with a stable code, never bare Errors: the edge (HTTP, Temporal)
 * maps `kind` to a transport status once, and clients branch on `code`, not on messages.
 */
export type DomainErrorKind =
  | 'validation' // the input itself is wrong -> 400
  | 'not_found' // -> 404
  | 'conflict' // clashes with current state (duplicate, illegal transition) -> 409
  | 'business_rule'; // well-formed but refused by a rule (insufficient stock, card declined) -> 422

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly details?: Record<string, unknown>;

  protected constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Invalid input caught by a value object's invariant (shared by every context). */
export class InvalidValue extends DomainError {
  readonly code = 'VALIDATION.INVALID_VALUE';
  readonly kind = 'validation' as const;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}
