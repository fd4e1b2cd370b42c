import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { passesLuhn } from '../../../shared/kernel/luhn.js';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

/** What may be stored, logged and shown: never more than this. */
export interface CardSummary {
  readonly last4: string;
  readonly brand: CardBrand;
}

const MIN_DIGITS = 12;
const MAX_DIGITS = 19;

/**
 * A primary account number. The digits live in a private field and every way a value is usually
 * turned into text (String(), JSON.stringify, util.inspect) prints only the masked form, so a
 * careless log line or error detail cannot leak the full number.
 */
export class CardNumber {
  readonly #digits: string;
  readonly last4: string;
  readonly brand: CardBrand;

  private constructor(digits: string) {
    this.#digits = digits;
    this.last4 = digits.slice(-4);
    this.brand = brandOf(digits);
  }

  static parse(raw: string): CardNumber {
    // Error details deliberately omit the input: it may be a real card number.
    if (typeof raw !== 'string' || raw.length > 64) throw new InvalidValue('card number must be a string of 12-19 digits');
    const digits = raw.replace(/[\s-]/g, '');
    if (!/^\d+$/.test(digits)) throw new InvalidValue('card number may contain only digits, spaces and dashes');
    if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
      throw new InvalidValue(`card number must have ${MIN_DIGITS}-${MAX_DIGITS} digits`, { length: digits.length });
    }
    if (!passesLuhn(digits)) throw new InvalidValue('card number fails the Luhn check');
    return new CardNumber(digits);
  }

  /** The full number, for the provider call only; nothing else should ever need it. */
  reveal(): string {
    return this.#digits;
  }

  summary(): CardSummary {
    return { last4: this.last4, brand: this.brand };
  }

  masked(): string {
    return `**** ${this.last4}`;
  }

  toString(): string {
    return this.masked();
  }

  toJSON(): CardSummary {
    return this.summary();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CardNumber(${this.brand} ${this.masked()})`;
  }
}

function brandOf(digits: string): CardBrand {
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four === 6011 || two === 65 || (three >= 644 && three <= 649)) return 'discover';
  if ((three >= 300 && three <= 305) || two === 36 || two === 38) return 'diners';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (two === 62) return 'unionpay';
  return 'unknown';
}
