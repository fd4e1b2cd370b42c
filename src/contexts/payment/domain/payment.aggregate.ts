import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import type { Money } from '../../../shared/kernel/money.js';
import type { CardSummary } from './card-number.value.js';
import { CardDeclined, NotAwaitingConfirmation, PaymentAlreadyRefunded, PaymentMismatch, PaymentVoided } from './payment.errors.js';

export type PaymentStatus = 'CAPTURED' | 'DECLINED' | 'REQUIRES_CONFIRMATION' | 'REFUNDED' | 'VOIDED';

export const MAX_REASON_LENGTH = 500;

/** What a charge request asks for; compared field by field when the same order is charged again. */
export interface ChargeIntent {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: Money;
  readonly card: CardSummary;
}

export interface PaymentProps {
  id: string;
  orderId: string;
  /** Null only on a tombstone (a refund that came before any charge). */
  customerId: string | null;
  amount: Money | null;
  status: PaymentStatus;
  card: CardSummary | null;
  declineReason: string | null;
  refundReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  capturedAt: Date | null;
  /** Set when a REQUIRES_CONFIRMATION payment was confirmed; tells a repeat confirm from a wrong one. */
  confirmedAt: Date | null;
  refundedAt: Date | null;
}

export type SettledOutcome = { kind: 'APPROVED' } | { kind: 'DECLINED'; reason: string } | { kind: 'REQUIRES_CONFIRMATION' };

/**
 * The one payment an order can have. Keyed by orderId, which is what makes charge, confirm and
 * refund idempotent: a repeat finds the first call's payment and answers from it.
 */
export class Payment {
  private constructor(private props: PaymentProps) {}

  static intent(props: ChargeIntent): ChargeIntent {
    assertChargeable(props.amount);
    return props;
  }

  /** The payment a provider answer produces (transient failures produce none). */
  static settle(id: string, intent: ChargeIntent, outcome: SettledOutcome, now: Date): Payment {
    const status: PaymentStatus =
      outcome.kind === 'APPROVED' ? 'CAPTURED' : outcome.kind === 'DECLINED' ? 'DECLINED' : 'REQUIRES_CONFIRMATION';
    return new Payment({
      id,
      orderId: intent.orderId,
      customerId: intent.customerId,
      amount: intent.amount,
      status,
      card: intent.card,
      declineReason: outcome.kind === 'DECLINED' ? outcome.reason : null,
      refundReason: null,
      createdAt: now,
      updatedAt: now,
      capturedAt: status === 'CAPTURED' ? now : null,
      confirmedAt: null,
      refundedAt: null,
    });
  }

  /** A refund for an order never charged leaves this, so a late charge cannot take money afterwards. */
  static tombstone(id: string, orderId: string, now: Date, reason: string | null): Payment {
    return new Payment({
      id,
      orderId,
      customerId: null,
      amount: null,
      status: 'VOIDED',
      card: null,
      declineReason: null,
      refundReason: reason,
      createdAt: now,
      updatedAt: now,
      capturedAt: null,
      confirmedAt: null,
      refundedAt: null,
    });
  }

  static restore(props: PaymentProps): Payment {
    return new Payment(props);
  }

  get id(): string {
    return this.props.id;
  }
  get orderId(): string {
    return this.props.orderId;
  }
  get customerId(): string | null {
    return this.props.customerId;
  }
  get amount(): Money | null {
    return this.props.amount;
  }
  get status(): PaymentStatus {
    return this.props.status;
  }
  get card(): CardSummary | null {
    return this.props.card;
  }
  get declineReason(): string | null {
    return this.props.declineReason;
  }
  get refundReason(): string | null {
    return this.props.refundReason;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get capturedAt(): Date | null {
    return this.props.capturedAt;
  }
  get confirmedAt(): Date | null {
    return this.props.confirmedAt;
  }
  get refundedAt(): Date | null {
    return this.props.refundedAt;
  }
  get isTombstone(): boolean {
    return this.props.customerId === null;
  }

  snapshot(): Readonly<PaymentProps> {
    return { ...this.props };
  }

  /**
   * What a charge for this payment's order answers, first or repeated: the same outcome every
   * time (a declined card declines again), unless the request changed or the payment was undone.
   */
  answerCharge(intent: ChargeIntent): void {
    if (this.isTombstone) throw new PaymentVoided(this.orderId);
    const differs = this.differencesFrom(intent);
    if (differs.length > 0) throw new PaymentMismatch(this.orderId, differs);
    switch (this.props.status) {
      case 'CAPTURED':
      case 'REQUIRES_CONFIRMATION':
        return;
      case 'DECLINED':
        throw new CardDeclined(this.orderId, this.id, this.props.declineReason ?? 'declined', this.props.card?.last4 ?? null);
      case 'VOIDED':
        throw new PaymentVoided(this.orderId);
      case 'REFUNDED':
        throw new PaymentAlreadyRefunded(this.orderId);
    }
  }

  /** @returns whether anything changed (false for a repeat of an earlier confirm). */
  confirm(now: Date): boolean {
    if (this.props.status === 'CAPTURED' && this.props.confirmedAt !== null) return false;
    if (this.props.status !== 'REQUIRES_CONFIRMATION') throw new NotAwaitingConfirmation(this.orderId, this.props.status);
    this.props.status = 'CAPTURED';
    this.props.capturedAt = now;
    this.props.confirmedAt = now;
    this.props.updatedAt = now;
    return true;
  }

  /**
   * Compensation, so it never refuses: captured money goes back, a pending authorisation is
   * voided, and anything already undone or never taken is left as it is.
   * @returns whether anything changed.
   */
  refund(now: Date, reason: string | null): boolean {
    assertReason(reason);
    switch (this.props.status) {
      case 'CAPTURED':
        this.props.status = 'REFUNDED';
        this.props.refundedAt = now;
        break;
      case 'REQUIRES_CONFIRMATION':
        this.props.status = 'VOIDED';
        break;
      case 'DECLINED':
      case 'REFUNDED':
      case 'VOIDED':
        return false;
    }
    this.props.refundReason = reason;
    this.props.updatedAt = now;
    return true;
  }

  private differencesFrom(intent: ChargeIntent): string[] {
    const differs: string[] = [];
    if (!this.props.amount?.equals(intent.amount)) differs.push('amount');
    if (this.props.customerId !== intent.customerId) differs.push('customerId');
    if (this.props.card?.last4 !== intent.card.last4 || this.props.card?.brand !== intent.card.brand) differs.push('card');
    return differs;
  }
}

/** Checked before the payment method is looked up too, so a bad amount is a 400 whatever the token. */
export function assertChargeable(amount: Money): void {
  if (amount.amountMinor < 1) throw new InvalidValue('a charge must be for at least one minor unit', { amountMinor: amount.amountMinor });
}

export function assertReason(reason: string | null): void {
  if (reason !== null && (reason.trim().length === 0 || reason.length > MAX_REASON_LENGTH)) {
    throw new InvalidValue(`reason must be 1-${MAX_REASON_LENGTH} characters`);
  }
}
