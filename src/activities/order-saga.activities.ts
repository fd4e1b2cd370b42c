/**
 * The order saga's activities: built as one object from the clients of each context's contract
 * (ports), so the worker's composition root decides which adapters (HTTP + breaker) stand behind
 * them and tests may pass others. No activity touches another context's database.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CustomerClient } from '../contexts/customer/contract.js';
import type { InventoryClient } from '../contexts/inventory/contract.js';
import type { NotificationClient, NotificationType } from '../contexts/notification/contract.js';
import { ORDER_ERROR_CODES, ReasonCodeSchema, type OrderClient, type OrderStatus } from '../contexts/order/contract.js';
import type { PaymentClient } from '../contexts/payment/contract.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../shared/infrastructure/http/json-client.js';
import { CircuitOpen } from './adapters/circuit-breaker.js';

export interface SagaPorts {
  customers: CustomerClient;
  inventory: InventoryClient;
  orders: OrderClient;
  payments: PaymentClient;
  notifications: NotificationClient;
}

/** Every activity reports the attempt that succeeded, so the saga's step history can show retries. */
export type Attempted<T> = T & { attempt: number };

export const SAGA_ACTOR = 'saga';

/**
 * First argument of every saga activity: which order, and whose (the customer's room receives
 * the live progress of each attempt, published by the worker's progress interceptor).
 */
export interface SagaRef {
  orderId: string;
  customerId: string;
}

export const ACTIVITY_ERRORS = {
  CUSTOMER_NOT_ELIGIBLE: 'CUSTOMER.NOT_ELIGIBLE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
} as const;

export function createOrderSagaActivities(ports: SagaPorts) {
  /** One status write as the saga makes it: actor, bounded reason, and the code only if it is one. */
  const transition = (orderId: string, to: OrderStatus, reason: string, reasonCode: string | undefined, by = SAGA_ACTOR) =>
    remote(() => ports.orders.transition(orderId, { to, by, reason: historyReason(reason), reasonCode: asReasonCode(reasonCode) }));

  return {
    async verifyCustomer({ customerId }: SagaRef): Promise<Attempted<{ customerId: string }>> {
      const eligibility = await remote(() => ports.customers.checkOrderEligibility(customerId));
      if (!eligibility.eligible) {
        throw ApplicationFailure.nonRetryable(
          `Customer ${customerId} may not order (${eligibility.reason ?? 'not eligible'})`,
          ACTIVITY_ERRORS.CUSTOMER_NOT_ELIGIBLE,
          { customerId, reason: eligibility.reason },
        );
      }
      return attempted({ customerId });
    },

    /** Prices come from the catalog at this moment; the order keeps them, whatever the catalog does next. */
    async createOrder(
      ref: SagaRef,
      lines: { sku: string; quantity: number }[],
    ): Promise<Attempted<{ total: { amountMinor: number; currency: string }; status: string }>> {
      const products = await Promise.all(lines.map((line) => remote(() => ports.inventory.getProduct(line.sku))));
      const currency = products[0].price.currency;
      const order = await remote(() =>
        ports.orders.create({
          id: ref.orderId,
          customerId: ref.customerId,
          currency,
          lines: lines.map((line, i) => ({
            sku: line.sku,
            name: products[i].name,
            unitPriceMinor: products[i].price.amountMinor,
            quantity: line.quantity,
          })),
          by: SAGA_ACTOR,
          reason: 'order placed',
        }),
      );
      return attempted({ total: order.total, status: order.status });
    },

    async reserveStock({ orderId }: SagaRef, lines: { sku: string; quantity: number }[]): Promise<Attempted<{ status: string }>> {
      const reservation = await remote(() => ports.inventory.reserve({ orderId, lines }));
      return attempted({ status: reservation.status });
    },

    async releaseStock({ orderId }: SagaRef): Promise<Attempted<{ status: string }>> {
      const reservation = await remote(() => ports.inventory.release(orderId));
      return attempted({ status: reservation.status });
    },

    async commitStock({ orderId }: SagaRef): Promise<Attempted<{ status: string }>> {
      const reservation = await remote(() => ports.inventory.commit(orderId));
      return attempted({ status: reservation.status });
    },

    async chargePayment(
      ref: SagaRef,
      // An opaque payment-method token from the payment context: no card number reaches Temporal.
      input: { amountMinor: number; currency: string; paymentMethodId: string },
    ): Promise<Attempted<{ status: string; cardLast4: string | null }>> {
      const payment = await remote(() => ports.payments.charge({ ...ref, ...input }));
      return attempted({ status: payment.status, cardLast4: payment.cardLast4 });
    },

    async capturePayment({ orderId }: SagaRef): Promise<Attempted<{ status: string }>> {
      const payment = await remote(() => ports.payments.confirm(orderId));
      return attempted({ status: payment.status });
    },

    async refundPayment({ orderId }: SagaRef, reason: string): Promise<Attempted<{ status: string }>> {
      const payment = await remote(() => ports.payments.refund(orderId, truncate(reason, 500)));
      return attempted({ status: payment.status });
    },

    /**
     * Writes the saga's progress into the order's status history (the read model of the UI).
     * `by` is the saga unless the move is an operator's decision (`operator:<name>`).
     */
    async transitionOrder(
      { orderId }: SagaRef,
      to: OrderStatus,
      reason: string,
      reasonCode?: string,
      by?: string,
    ): Promise<Attempted<{ status: string }>> {
      const order = await transition(orderId, to, reason, reasonCode, by);
      return attempted({ status: order.status });
    },

    /**
     * Compensation of create-order. Registered before the order is created (a timed-out create may
     * still have taken effect), so cancelling an order that never came to exist is a recorded no-op.
     */
    async cancelOrder({ orderId }: SagaRef, reason: string, reasonCode?: string): Promise<Attempted<{ status: string; noOp: boolean }>> {
      try {
        const order = await transition(orderId, 'CANCELLED', reason, reasonCode);
        return attempted({ status: order.status, noOp: false });
      } catch (error) {
        if (error instanceof ApplicationFailure && error.type === ORDER_ERROR_CODES.NOT_FOUND)
          return attempted({ status: 'NOT_CREATED', noOp: true });
        throw error;
      }
    },

    async notifyCustomer(
      ref: SagaRef,
      input: { type: NotificationType; reason?: string; amountMinor?: number; currency?: string },
    ): Promise<Attempted<{ notificationId: string }>> {
      const notification = await remote(() =>
        ports.notifications.record({
          // One notification per order and type, however often this activity is retried.
          dedupeKey: `${ref.orderId}:${input.type}`,
          customerId: ref.customerId,
          orderId: ref.orderId,
          type: input.type,
          facts: {
            reason: notificationReason(input.reason),
            amountMinor: input.amountMinor,
            currency: input.currency,
          },
        }),
      );
      return attempted({ notificationId: notification.id });
    },
  };
}

export type OrderSagaActivities = ReturnType<typeof createOrderSagaActivities>;

/**
 * A failure's code as the order's history may keep it; anything else (an error class name such as
 * `Error`) is left out rather than turned into a 400 that would fail a compensation.
 */
function asReasonCode(code: string | undefined): string | null {
  return code !== undefined && ReasonCodeSchema.safeParse(code).success ? code : null;
}

/**
 * Reasons reach the saga from shoppers, operators and failure messages; the contracts downstream
 * bound them, and a reason they refuse would fail the step for good (a compensation included) over
 * its wording. So the saga shapes them to fit instead: the order history takes 500 characters
 * without NUL (Postgres cannot store it in text), ...
 */
function historyReason(text: string): string {
  return truncate(text.replaceAll('\u0000', ''), 500);
}

/** ... a notification one line of 500 printable characters, or none (an empty reason is not allowed). */
function notificationReason(text: string | undefined): string | undefined {
  const line = text?.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line ? truncate(line, 500) : undefined;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function attempted<T extends object>(value: T): Attempted<T> {
  return { ...value, attempt: Context.current().info.attempt };
}

/**
 * Translates adapter errors into Temporal's terms once: a coded 4xx is a business answer
 * (non-retryable, type = domain code); anything transient is retryable; an open breaker is
 * retryable after exactly the time the breaker needs, so we neither hammer nor give up early.
 */
async function remote<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RemoteServiceError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, {
        service: error.service,
        status: error.status,
        details: error.details,
      });
    }
    if (error instanceof CircuitOpen) {
      throw ApplicationFailure.create({
        message: error.message,
        type: ACTIVITY_ERRORS.CIRCUIT_OPEN,
        nonRetryable: false,
        nextRetryDelay: error.retryAfterMs,
        details: [{ service: error.service }],
      });
    }
    if (error instanceof RemoteServiceUnavailable) {
      throw ApplicationFailure.retryable(error.message, ACTIVITY_ERRORS.SERVICE_UNAVAILABLE, {
        service: error.service,
        status: error.status,
      });
    }
    throw error;
  }
}
