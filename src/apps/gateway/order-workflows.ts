import { createHash, createHmac, randomUUID } from 'node:crypto';
import {
  Client,
  Connection,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type DataConverter } from '@temporalio/common';
import { HttpError } from '../../shared/infrastructure/http/errors.js';
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  orderWorkflowId,
  progressQuery,
  type PlaceOrderInput,
  type SagaProgress,
} from '../../workflows/order-saga.messages.js';
import { orderSagaWorkflow } from '../../workflows/order-saga.workflow.js';

export interface PlaceOrderRequest {
  /** From the access token, never from the request body. */
  customerId: string;
  lines: { sku: string; quantity: number }[];
  /** Only to recognise a repeated request (HMAC in the memo); never part of the workflow's input. */
  cardNumber: string;
}

/** Whatever the saga may carry about the payment: an opaque token, never the card. */
export interface PaymentMethodRef {
  paymentMethodId: string;
}

/** A saga as the gateway sees it; `customerId` is whose order it is (for the ownership check). */
export interface SagaState {
  progress?: SagaProgress;
  /** Temporal's execution status (RUNNING, COMPLETED, ...). */
  status: string;
  customerId?: string;
}

export interface StartedOrder {
  orderId: string;
  /** False when an Idempotency-Key matched an order placed earlier: nothing new was started. */
  created: boolean;
}

export interface OrderWorkflowsOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The system's one data converter (payload encryption): without it this client writes plaintext. */
  dataConverter: DataConverter;
  /** Key of the request HMAC kept in the memo (idempotency check); shared by every gateway. */
  requestHashKey: Uint8Array;
}

/** The gateway's adapter to Temporal: starts, queries and updates order sagas. */
export class OrderWorkflows {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly requestHashKey: Uint8Array,
  ) {}

  static async connect(options: OrderWorkflowsOptions): Promise<{ workflows: OrderWorkflows; close(): Promise<void> }> {
    const connection = await Connection.connect({ address: options.address });
    const client = new Client({ connection, namespace: options.namespace, dataConverter: options.dataConverter });
    return {
      workflows: new OrderWorkflows(client, options.taskQueue, options.requestHashKey),
      close: () => connection.close(),
    };
  }

  /**
   * Starts the saga and returns at once. With an Idempotency-Key the order id (and so the
   * workflow id) is derived from customer + key: a repeat finds the first workflow instead of
   * starting one, and a repeat with another body is refused (the body's hash is in the memo).
   */
  place(request: PlaceOrderRequest, payment: PaymentMethodRef, idempotencyKey?: string): Promise<StartedOrder> {
    return temporalCall(() => this.start(request, payment, idempotencyKey));
  }

  private async start(request: PlaceOrderRequest, payment: PaymentMethodRef, idempotencyKey?: string): Promise<StartedOrder> {
    const orderId = idempotencyKey ? deterministicOrderId(request.customerId, idempotencyKey) : randomUUID();
    const requestHash = hashRequest(request, this.requestHashKey);
    const input: PlaceOrderInput = {
      orderId,
      customerId: request.customerId,
      lines: request.lines,
      paymentMethodId: payment.paymentMethodId,
    };
    try {
      await this.client.workflow.start(orderSagaWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: orderWorkflowId(orderId),
        args: [input],
        // customerId answers "whose order is this?" even when no worker can answer the query.
        memo: { requestHash, customerId: request.customerId },
        // Even after the saga ended, the same key must not start a second one.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { orderId, created: true };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || !idempotencyKey) throw error;
      const description = await this.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
      if (description.memo?.requestHash !== requestHash) {
        throw new HttpError(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body', {
          orderId,
        });
      }
      return { orderId, created: false };
    }
  }

  /** Live saga state; undefined when no such workflow exists. */
  progress(orderId: string): Promise<SagaState | undefined> {
    return temporalCall(async () => {
      const handle = this.handle(orderId);
      try {
        const description = await handle.describe();
        const memoCustomer = typeof description.memo?.customerId === 'string' ? description.memo.customerId : undefined;
        try {
          const progress = await handle.query(progressQuery);
          return { progress, status: description.status.name, customerId: progress.customerId };
        } catch {
          // No worker to answer right now: the order service still has the facts.
          return { status: description.status.name, customerId: memoCustomer };
        }
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
    });
  }

  cancel(orderId: string, reason?: string): Promise<SagaProgress> {
    return temporalCall(() => this.update(orderId, () => this.handle(orderId).executeUpdate(cancelOrderUpdate, { args: [{ reason }] })));
  }

  confirmPayment(orderId: string): Promise<SagaProgress> {
    return temporalCall(() => this.update(orderId, () => this.handle(orderId).executeUpdate(confirmPaymentUpdate)));
  }

  private handle(orderId: string): WorkflowHandle {
    return this.client.workflow.getHandle(orderWorkflowId(orderId));
  }

  private async update(orderId: string, run: () => Promise<SagaProgress>): Promise<SagaProgress> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new HttpError(409, error.cause.type ?? 'ORDER.UPDATE_REJECTED', error.cause.message);
      }
      // A finished saga answers updates as "not found" too; tell the two apart.
      if (error instanceof WorkflowNotFoundError || /already completed/i.test((error as Error).message ?? '')) {
        if (await this.progress(orderId)) {
          throw new HttpError(409, 'ORDER.ALREADY_FINISHED', 'The order has already finished');
        }
        throw new HttpError(404, 'ORDER.NOT_FOUND', `No order ${orderId}`);
      }
      throw error;
    }
  }
}

/** Temporal unreachable or timing out is a 503 the client may retry, not a 500. */
async function temporalCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcServiceError(error)) {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'The order workflow service is unavailable right now', undefined, { 'Retry-After': '5' });
    }
    throw error;
  }
}

/** UUID-shaped (version 8, RFC 9562) digest of customer + key: stable across gateways and restarts. */
export function deterministicOrderId(customerId: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${customerId}\u0000${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Recognises a repeated request without keeping it. An HMAC under a secret, not a bare hash: a
 * card number has too little entropy (a known BIN leaves about a billion candidates) for a plain
 * SHA-256 to hide it from whoever reads the memo. The whole request, keys sorted, so whatever it
 * carries counts.
 */
export function hashRequest(request: PlaceOrderRequest, key: Uint8Array): string {
  return `hmac-sha256:${createHmac('sha256', key).update(canonicalJson(request)).digest('hex')}`;
}

/** JSON with object keys sorted at every level (arrays keep their order: line order is the request's). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
