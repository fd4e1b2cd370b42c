import { InvalidValue } from '../../../shared/kernel/domain-error.js';

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * The HTML5 "valid e-mail address" shape, plus a dotted domain. ASCII only on purpose: Postgres
 * `lower()` and JavaScript `toLowerCase()` agree on ASCII whatever the database locale, so the
 * case-insensitive unique index and every in-memory comparison mean the same thing.
 */
export const EMAIL_PATTERN =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An e-mail address kept as the customer typed it (trimmed); equality ignores case. */
export class Email {
  private constructor(readonly value: string) {}

  static of(raw: string): Email {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value.length === 0 || value.length > MAX_EMAIL_LENGTH) {
      throw new InvalidValue(`email must be 1-${MAX_EMAIL_LENGTH} characters`, { field: 'email' });
    }
    const at = value.lastIndexOf('@');
    if (!EMAIL_PATTERN.test(value) || at > MAX_LOCAL_PART_LENGTH) {
      throw new InvalidValue('email is not a valid address', { field: 'email' });
    }
    return new Email(value);
  }

  /** Rebuild from storage, which only ever holds addresses that passed of(). */
  static restore(value: string): Email {
    return new Email(value);
  }

  /** The key uniqueness and look-ups use. */
  get normalized(): string {
    return this.value.toLowerCase();
  }

  equals(other: Email): boolean {
    return this.normalized === other.normalized;
  }

  toString(): string {
    return this.value;
  }
}
