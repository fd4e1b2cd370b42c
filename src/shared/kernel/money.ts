import { InvalidValue } from './domain-error.js';

/** Amounts are integer minor units (cents) so sums never pick up floating-point error. */
export const MAX_AMOUNT_MINOR = 100_000_000_00; // one hundred million in major units

export interface MoneyProps {
  readonly amountMinor: number;
  readonly currency: string;
}

export class Money implements MoneyProps {
  private constructor(
    readonly amountMinor: number,
    readonly currency: string,
  ) {}

  static of(amountMinor: number, currency: string): Money {
    if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) {
      throw new InvalidValue('amount must be a non-negative integer number of minor units', { amountMinor });
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new InvalidValue('currency must be an ISO 4217 code', { currency });
    }
    return new Money(amountMinor, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amountMinor + other.amountMinor, this.currency);
  }

  times(quantity: number): Money {
    return Money.of(this.amountMinor * quantity, this.currency);
  }

  equals(other: Money): boolean {
    return this.amountMinor === other.amountMinor && this.currency === other.currency;
  }

  toJSON(): MoneyProps {
    return { amountMinor: this.amountMinor, currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new InvalidValue('cannot combine amounts in different currencies', {
        left: this.currency,
        right: other.currency,
      });
    }
  }
}
