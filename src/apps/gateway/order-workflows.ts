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
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  operatorDecisionUpdate,
  orderWorkflowId,
  progressQuery,
  type OperatorDecision,
  type PlaceOrderInput,
  type SagaProgress,
} from '../../workflows/order-saga.messages.js';
import { orderSagaWorkflow } from '../../workflows/order-saga.workflow.js';
import { temporalClientInterceptors } from '../../shared/infrastructure/observability/temporal-tracing.js';

/** How long `progress` waits for a worker to answer the query before it falls back to the memo. */
const PROGRESS_QUERY_DEADLINE_MS = 3_000;

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

/**
 * What placing an order did. `replayed`: an Idempotency-Key matched an order placed earlier with
 * the same request, nothing new was started. `key-reused`: it matched one placed with another
 * request, nothing was started either.
 */
export type PlaceOutcome =
  { kind: 'started'; orderId: string } | { kind: 'replayed'; orderId: string } | { kind: 'key-reused'; orderId: string };

/**
 * What an update (cancel, confirm payment) did. `rejected`: the saga's validator refused it, with
 * the saga's code (SAGA_ERRORS). `already-finished`: the saga exists but takes no more updates.
 */
export type UpdateOutcome =
  | { kind: 'ok'; progress: SagaProgress }
  | { kind: 'not-found' }
  | { kind: 'already-finished' }
  | { kind: 'rejected'; code: string; message: string };

/** A saga as Temporal's visibility lists it (no worker needed): the operator console's list rows. */
export interface SagaSummary {
  orderId: string;
  /** The OrderStatus search attribute the saga keeps; null before it wrote one. */
  orderStatus: string | null;
  customerId: string | null;
  /** Temporal's execution status (RUNNING, COMPLETED, ...). */
  executionStatus: string;
  startedAt: string;
  closedAt: string | null;
}

/**
 * Temporal could not be reached or did not answer in time: nothing is known about the saga. The
 * caller may retry; it is not an answer about the order.
 */
export class OrderWorkflowsUnavailable extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The order workflow service is unavailable right now', options);
    this.name = 'OrderWorkflowsUnavailable';
  }
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

/**
 * The gateway's adapter to Temporal: starts, queries and updates order sagas. Answers in the
 * saga's terms (outcomes); what they mean over HTTP is the routes' business. Every method throws
 * OrderWorkflowsUnavailable when Temporal cannot answer, and nothing else it expects.
 */
export class OrderWorkflows {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly requestHashKey: Uint8Array,
  ) {}

  static async connect(options: OrderWorkflowsOptions): Promise<{ workflows: OrderWorkflows; close(): Promise<void> }> {
    const connection = await Connection.connect({ address: options.address });
    const client = new Client({
      connection,
      namespace: options.namespace,
      dataConverter: options.dataConverter,
      // With tracing on, the workflow continues the trace of the request that started it.
      interceptors: temporalClientInterceptors(),
    });
    return {
      workflows: new OrderWorkflows(client, options.taskQueue, options.requestHashKey),
      close: () => connection.close(),
    };
  }

  /**
   * Starts the saga and returns at once. With an Idempotency-Key the order id (and so the
   * workflow id) is derived from customer + key: a repeat finds the first workflow instead of
   * starting one, and a repeat with another body is told apart (the body's hash is in the memo).
   */
  place(request: PlaceOrderRequest, payment: PaymentMethodRef, idempotencyKey?: string): Promise<PlaceOutcome> {
    return temporalCall(() => this.start(request, payment, idempotencyKey));
  }

  private async start(request: PlaceOrderRequest, payment: PaymentMethodRef, idempotencyKey?: string): Promise<PlaceOutcome> {
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
      return { kind: 'started', orderId };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || !idempotencyKey) throw error;
      const description = await this.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
      return description.memo?.requestHash === requestHash ? { kind: 'replayed', orderId } : { kind: 'key-reused', orderId };
    }
  }

  /** Live saga state; undefined when no such workflow exists. */
  progress(orderId: string): Promise<SagaState | undefined> {
    return temporalCall(async () => {
      const handle = this.handle(orderId);
      try {
        // Bounded like the query: with Temporal's history service down a describe would wait for
        // the RPC's own retries (about 20 s) before the caller could fall back to the order service.
        const description = await this.client.withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () => handle.describe());
        const memoCustomer = typeof description.memo?.customerId === 'string' ? description.memo.customerId : undefined;
        try {
          // A query needs a worker; with none running it would wait for the RPC's own long timeout.
          // The fallback below is good enough, so a page load never waits more than a moment for it.
          const progress = await this.client.withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () => handle.query(progressQuery));
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

  cancel(orderId: string, reason?: string): Promise<UpdateOutcome> {
    return temporalCall(() => this.update(orderId, (handle) => handle.executeUpdate(cancelOrderUpdate, { args: [{ reason }] })));
  }

  confirmPayment(orderId: string): Promise<UpdateOutcome> {
    return temporalCall(() => this.update(orderId, (handle) => handle.executeUpdate(confirmPaymentUpdate)));
  }

  /** An operator's decision on a saga that awaits one (retry the failed compensations, or resolved by hand). */
  decide(orderId: string, decision: OperatorDecision): Promise<UpdateOutcome> {
    return temporalCall(() => this.update(orderId, (handle) => handle.executeUpdate(operatorDecisionUpdate, { args: [decision] })));
  }

  /**
   * Sagas of this task queue from Temporal's visibility, newest first, optionally of one order
   * status (the OrderStatus search attribute). Visibility lags the sagas by a moment; a list is a
   * view, the order page (progress) is the truth.
   */
  list(filter: { orderStatus?: string; limit: number }): Promise<SagaSummary[]> {
    return temporalCall(async () => {
      const clauses = [`WorkflowType = '${orderSagaWorkflow.name}'`, `TaskQueue = '${quoted(this.taskQueue)}'`];
      if (filter.orderStatus) clauses.push(`OrderStatus = '${quoted(filter.orderStatus)}'`);
      const found: SagaSummary[] = [];
      for await (const execution of this.client.workflow.list({ query: clauses.join(' AND '), pageSize: Math.min(filter.limit, 100) })) {
        const attribute = (name: string) => {
          const value = execution.searchAttributes?.[name]?.[0];
          return typeof value === 'string' ? value : null;
        };
        found.push({
          orderId: execution.workflowId.replace(/^order-/, ''),
          orderStatus: attribute('OrderStatus'),
          customerId: attribute('CustomerId') ?? (typeof execution.memo?.customerId === 'string' ? execution.memo.customerId : null),
          executionStatus: execution.status.name,
          startedAt: execution.startTime.toISOString(),
          closedAt: execution.closeTime?.toISOString() ?? null,
        });
        if (found.length >= filter.limit) break;
      }
      return found;
    });
  }

  private handle(orderId: string): WorkflowHandle {
    return this.client.workflow.getHandle(orderWorkflowId(orderId));
  }

  private async update(orderId: string, run: (handle: WorkflowHandle) => Promise<SagaProgress>): Promise<UpdateOutcome> {
    const handle = this.handle(orderId);
    try {
      return { kind: 'ok', progress: await run(handle) };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        return { kind: 'rejected', code: error.cause.type ?? 'ORDER.UPDATE_REJECTED', message: error.cause.message };
      }
      // The server answers an update to a finished saga with the same gRPC NOT_FOUND as one to a
      // saga that never existed (the SDK raises WorkflowNotFoundError for both): describe() tells
      // the two apart, since a finished execution is still there to describe.
      if (error instanceof WorkflowNotFoundError) return (await this.exists(handle)) ? { kind: 'already-finished' } : { kind: 'not-found' };
      throw error;
    }
  }

  private async exists(handle: WorkflowHandle): Promise<boolean> {
    try {
      await handle.describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }
}

/**
 * Temporal unreachable or timing out (a gRPC status, or the SDK's wrapper of one) becomes the
 * one error callers expect; anything else is a bug and stays what it is.
 */
async function temporalCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcServiceError(error)) {
      throw new OrderWorkflowsUnavailable({ cause: error });
    }
    throw error;
  }
}

/** A value inside a single-quoted visibility literal (callers pass enum values; this is a second fence). */
function quoted(value: string): string {
  return value.replace(/['\\]/g, '');
}

/** UUID-shaped (version 8, RFC 9562) digest of customer + key: stable across gateways and restarts. */
export function deterministicOrderId(customerId: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${customerId}\u0000${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
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
