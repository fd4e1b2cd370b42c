/**
 * What the browser receives over socket.io, and how producers address it. Producers (the worker,
 * the notification service) emit through @socket.io/postgres-emitter into the shared events
 * database; every gateway's @socket.io/postgres-adapter hears it and delivers to its own sockets,
 * so it does not matter which gateway holds a customer's socket.
 */
import type { SagaStepName } from '../../kernel/saga-steps.js';

/** One room per customer; a socket joins its customer's room after its JWT is checked. */
export function customerRoom(customerId: string): string {
  return `customer:${customerId}`;
}

/** One room for every operator socket (a token with the operator role joins it at connect). */
export const OPERATOR_ROOM = 'operators';

/** Channel prefix shared by the adapter (gateways) and the emitters (producers). */
export const SOCKET_IO_CHANNEL_PREFIX = 'sagashop';
export const SOCKET_IO_ATTACHMENTS_TABLE = 'socket_io_attachments';

export const REALTIME_EVENTS = {
  orderProgress: 'order.progress',
  notificationCreated: 'notification.created',
  /** To the operator room: a summary of every saga step attempt, of any customer's order. */
  operatorOrder: 'operator.order',
  /** To the operator room: a worker's circuit breakers, on every change and periodically. */
  operatorBreakers: 'operator.breakers',
} as const;

export type { SagaStepName };

/** One saga step attempt as it happens (started, completed, or failed with its error). */
export interface OrderProgressEvent {
  orderId: string;
  customerId: string;
  step: SagaStepName;
  kind: 'forward' | 'compensation';
  status: 'started' | 'completed' | 'failed';
  /** 1 for the first try; retries count up. */
  attempt: number;
  /** For failures: false when the error is a business answer that no retry will change. */
  retryable?: boolean;
  error?: { code: string; message: string };
  /** Set when the step moved the order to a new status (PENDING, STOCK_RESERVED, ..., CONFIRMED, CANCELLED). */
  orderStatus?: string;
  /** Small facts worth showing: payment status, card last4, notification type, total. */
  detail?: Record<string, unknown>;
  at: string;
}

export interface NotificationCreatedEvent {
  notification: {
    id: string;
    customerId: string;
    orderId: string | null;
    type: string;
    title: string;
    message: string;
    createdAt: string;
    readAt: string | null;
  };
}

/** What operators see of a saga step attempt: enough to refresh a list row or an open order. */
export interface OperatorOrderEvent {
  orderId: string;
  customerId: string;
  step: SagaStepName;
  kind: 'forward' | 'compensation';
  status: 'started' | 'completed' | 'failed';
  attempt: number;
  orderStatus?: string;
  error?: { code: string; message: string };
  at: string;
}

/** One circuit breaker as a worker reports it (the worker's CircuitBreakers.snapshot()). */
export interface BreakerStatus {
  service: string;
  state: string;
  openedAt?: string;
  retryAfterMs?: number;
  lastFailure?: string;
}

/** A worker's breakers at `seenAt`; workers report on every change and periodically. */
export interface WorkerBreakersEvent {
  workerId: string;
  taskQueue: string;
  breakers: BreakerStatus[];
  seenAt: string;
}
