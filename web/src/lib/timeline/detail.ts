/** Reading a step's `detail` (the activity's result as pushed, or the saga record's summary of it). */

/** Push details carry the activity's result as is; the payment's `status` is the saga record's `paymentStatus`. */
export function normaliseDetail(step: string, detail: Record<string, unknown>): Record<string, unknown> {
  const payment = step === 'charge-payment' || step === 'capture-payment' || step === 'refund-payment';
  if (payment && detail.paymentStatus === undefined && typeof detail.status === 'string') {
    return { ...detail, paymentStatus: detail.status };
  }
  return detail;
}

/**
 * A compensation that found nothing to undo (the forward step never took effect): e.g.
 * cancel-order when the order was never created. It moved no order anywhere.
 */
export function isNoOp(detail: Record<string, unknown> | null | undefined): boolean {
  return detail?.noOp === true;
}
