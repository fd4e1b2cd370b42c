import { assertUuid } from '../../../shared/kernel/ids.js';
import type { CardBrand, CardNumber, CardSummary } from './card-number.value.js';
import { behaviourOf, type CardBehaviour } from './test-card.value.js';

/**
 * What a payment-method token looks like: `pm_` and 24 url-safe characters (144 random bits).
 * Random rather than derived from the card, so it reveals nothing and cannot be guessed; and
 * never a long run of digits, so no card-number scanner mistakes it for a PAN.
 */
export const PAYMENT_METHOD_ID_PATTERN = /^pm_[A-Za-z0-9_-]{24}$/;

export interface PaymentMethodProps {
  readonly id: string;
  readonly customerId: string;
  readonly brand: CardBrand;
  readonly last4: string;
  /**
   * The provider's reference for the card, which is all a charge needs. The simulator's
   * provider knows cards only by their test behaviour, so that is what is kept (a real PSP
   * adapter would keep its vault token here); null for any other card, which it declines.
   */
  readonly simulatedBehaviour: CardBehaviour | null;
  readonly createdAt: Date;
}

/**
 * A customer's card, stored as an opaque token: the saga and every other context carry only
 * the id, and this context keeps only brand, last four and the provider reference. The full
 * number is read once, at registration, and never kept.
 */
export class PaymentMethod {
  private constructor(private readonly props: PaymentMethodProps) {}

  /** @param id a fresh id from the repository (see PaymentMethodRepository.nextId). */
  static register(id: string, customerId: string, card: CardNumber, now: Date): PaymentMethod {
    // The id is ours, not the caller's: a malformed one is a bug, so no domain error for it.
    if (!PAYMENT_METHOD_ID_PATTERN.test(id)) throw new Error('payment method id does not match PAYMENT_METHOD_ID_PATTERN');
    return new PaymentMethod({
      id,
      customerId: assertUuid(customerId, 'customerId'),
      brand: card.brand,
      last4: card.last4,
      simulatedBehaviour: behaviourOf(card) ?? null,
      createdAt: now,
    });
  }

  static restore(props: PaymentMethodProps): PaymentMethod {
    return new PaymentMethod({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get customerId(): string {
    return this.props.customerId;
  }
  get brand(): CardBrand {
    return this.props.brand;
  }
  get last4(): string {
    return this.props.last4;
  }
  get simulatedBehaviour(): CardBehaviour | null {
    return this.props.simulatedBehaviour;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }

  /** Uuids compare case-insensitively (the store hands them back in lower case). */
  belongsTo(customerId: string): boolean {
    return this.props.customerId.toLowerCase() === customerId.toLowerCase();
  }

  summary(): CardSummary {
    return { last4: this.props.last4, brand: this.props.brand };
  }

  snapshot(): PaymentMethodProps {
    return { ...this.props };
  }
}
