import { createHash, randomUUID } from 'node:crypto';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { HttpError } from '../../shared/infrastructure/http/errors.js';
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  orderWorkflowId,
  progressQuery,
  type PlaceOrderInput,
  type SagaProgress,
} from '../../workflows/order-saga.messages.js';
import type { SagaPolicyOverrides } from '../../workflows/order-saga.policy.js';

export interface PlaceOrderRequest {
  customerId: string;
  lines: { sku: string; quantity: number }[];
  cardNumber: string;
}

export interface StartedOrder {
  orderId: string;
  /** False when an Idempotency-Key matched an order placed earlier: nothing new was started. */
  created: boolean;
}

/** The gateway's adapter to Temporal: starts, queries and updates order sagas. */
export class OrderWorkflows {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policy: SagaPolicyOverrides | undefined,
  ) {}

  static async connect(address: string, namespace: string, taskQueue: string, policy?: SagaPolicyOverrides): Promise<{ workflows: OrderWorkflows; close(): Promise<void> }> {
    const connection = await Connection.connect({ address });
    return {
      workflows: new OrderWorkflows(new Client({ connection, namespace }), taskQueue, policy),
      close: () => connection.close(),
    };
  }

  /**
   * Starts the saga and returns at once. With an Idempotency-Key the order id (and so the
   * workflow id) is derived from customer + key: a repeat finds the first workflow instead of
   * starting one, and a repeat with another body is refused (the body's hash is in the memo).
   */
  async place(request: PlaceOrderRequest, idempotencyKey?: string): Promise<StartedOrder> {
    const orderId = idempotencyKey ? deterministicOrderId(request.customerId, idempotencyKey) : randomUUID();
    const requestHash = hashRequest(request);
    const input: PlaceOrderInput = { orderId, ...request, policy: this.policy };
    try {
      await this.client.workflow.start('orderSagaWorkflow', {
        taskQueue: this.taskQueue,
        workflowId: orderWorkflowId(orderId),
        args: [input],
        memo: { requestHash },
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
  async progress(orderId: string): Promise<{ progress?: SagaProgress; status: string } | undefined> {
    const handle = this.handle(orderId);
    try {
      const description = await handle.describe();
      try {
        return { progress: await handle.query(progressQuery), status: description.status.name };
      } catch {
        // No worker to answer right now: the order service still has the facts.
        return { status: description.status.name };
      }
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  cancel(orderId: string, reason?: string): Promise<SagaProgress> {
    return this.update(orderId, () => this.handle(orderId).executeUpdate(cancelOrderUpdate, { args: [{ reason }] }));
  }

  confirmPayment(orderId: string): Promise<SagaProgress> {
    return this.update(orderId, () => this.handle(orderId).executeUpdate(confirmPaymentUpdate));
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

/** UUID-shaped (version 8, RFC 9562) digest of customer + key: stable across gateways and restarts. */
export function deterministicOrderId(customerId: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${customerId}\u0000${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function hashRequest(request: PlaceOrderRequest): string {
  const canonical = JSON.stringify({
    customerId: request.customerId,
    cardNumber: request.cardNumber,
    lines: request.lines.map((line) => [line.sku, line.quantity]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
