/**
 * The public gateway API as the storefront sees it (docs/api.md). Kept here, not imported from
 * src/: the storefront is its own deployable and talks to the gateway over HTTP only. A type test
 * (test/web/api-types.test.ts) checks that the server's contract types still fit these.
 */

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Product {
  sku: string;
  name: string;
  description: string;
  imageUrl: string;
  price: Money;
  stockAvailable: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Customer {
  id: string;
  email: string;
  name: string;
  /** What the token carries; `operator` opens the operator console. Absent in sessions stored before roles. */
  roles?: string[];
}

export interface AuthResponse {
  token: string;
  expiresAt: string;
  customer: Customer;
}

export interface Me extends Customer {
  status: string;
}

export interface TestCard {
  number: string;
  label: string;
  behaviour: string;
}

export type OrderStatus =
  | 'PENDING'
  | 'STOCK_RESERVED'
  | 'AWAITING_PAYMENT_CONFIRMATION'
  | 'PAID'
  | 'CONFIRMED'
  | 'CANCELLED'
  | 'NEEDS_ATTENTION'
  | 'RETRYING_COMPENSATIONS'
  | 'CANCELLED_MANUALLY';

/** OrderView.status adds two values the order service does not have. */
export type OrderViewStatus = OrderStatus | 'PROCESSING' | 'REJECTED';

export interface OrderLine {
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface OrderHistoryEntry {
  from: string | null;
  to: string;
  at: string;
  by: string;
  reason: string;
  /**
   * Why, as a stable code (e.g. PAYMENT.CARD_DECLINED), or null. Null too on entries written before the
   * order service recorded codes (their code, if any, is in front of `reason`).
   */
  reasonCode: string | null;
}

export interface Order {
  id: string;
  customerId: string;
  status: string;
  lines: OrderLine[];
  total: Money;
  history: OrderHistoryEntry[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SagaStep {
  name: string;
  kind: 'forward' | 'compensation';
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt?: string | null;
  attempts?: number | null;
  error?: { code: string; message: string; retriesExhausted?: boolean } | null;
  detail?: Record<string, unknown> | null;
}

export type SagaOutcome = 'CONFIRMED' | 'CANCELLED' | 'CANCELLED_MANUALLY' | 'NEEDS_ATTENTION' | 'REJECTED';

export interface SagaView {
  currentStep: string | null;
  outcome: SagaOutcome | null;
  reasonCode: string | null;
  reason: string | null;
  awaitingPaymentConfirmation: boolean;
  paymentCaptured: boolean;
  cancellable: boolean;
  steps: SagaStep[];
}

/**
 * GET /api/orders/:id. `order` is null until the saga has created the order (status PROCESSING)
 * and stays null when the saga refused it before (status REJECTED, `saga.reasonCode` says why);
 * `saga` is null while no worker can answer for it. Both can be null at once.
 */
export interface OrderView {
  id: string;
  status: OrderViewStatus;
  order: Order | null;
  saga: SagaView | null;
}

export interface PlaceOrderResponse {
  orderId: string;
  status: 'ACCEPTED';
  links?: Record<string, string>;
}

/** Answer of POST /cancel and /payment-confirmation: the saga as the update left it. */
export interface OrderCommandResponse {
  orderId: string;
  saga?: SagaView;
}

export interface Notification {
  id: string;
  customerId: string;
  orderId: string | null;
  type: string;
  title: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

/** socket.io `order.progress`: one saga step attempt as it happens. */
export interface OrderProgressEvent {
  orderId: string;
  customerId: string;
  step: string;
  kind: 'forward' | 'compensation';
  status: 'started' | 'completed' | 'failed';
  attempt: number;
  retryable?: boolean;
  error?: { code: string; message: string };
  orderStatus?: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** socket.io `notification.created`. */
export interface NotificationCreatedEvent {
  notification: Notification;
}

/** The one error shape of the API. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
