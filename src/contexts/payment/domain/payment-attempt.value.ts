export type AttemptOutcome = 'APPROVED' | 'DECLINED' | 'TRANSIENT_FAILURE' | 'REQUIRES_CONFIRMATION';

/** One call to the card provider for an order; numbered 1, 2, ... by the store in arrival order. */
export interface PaymentAttempt {
  readonly orderId: string;
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  readonly errorCode: string | null;
  readonly at: Date;
}

export type NewPaymentAttempt = Omit<PaymentAttempt, 'attempt'>;
