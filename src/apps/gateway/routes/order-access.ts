import type { z } from 'zod';
import type { OrderClient, OrderDto } from '../../../contexts/order/contract.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { SagaProgress } from '../../../workflows/order-saga.messages.js';
import { downstreamOrMissing } from '../http/downstream.js';
import type { OrderWorkflows, SagaState } from '../order-workflows.js';
import type { OrderViewSchema } from '../schemas/order.schemas.js';

export interface OrderSources {
  orders: OrderClient;
  workflows: OrderWorkflows;
}

export const orderNotFound = (id: string) => new HttpError(404, 'ORDER.NOT_FOUND', `No order ${id}`);

/**
 * The order as its owner may see it. The order service is the record; before the order exists
 * (or when the saga refused it) the saga alone answers. Someone else's order is a 404 exactly
 * like a missing one, so ids cannot be probed.
 */
export async function ownOrder(sources: OrderSources, id: string, customerId: string): Promise<{ order?: OrderDto; saga?: SagaState }> {
  const [order, saga] = await Promise.all([downstreamOrMissing(() => sources.orders.get(id)), sources.workflows.progress(id)]);
  const owner = order?.customerId ?? saga?.customerId;
  if (owner === undefined || owner !== customerId) throw orderNotFound(id);
  return { order, saga };
}

export function orderView(id: string, { order, saga }: { order?: OrderDto; saga?: SagaState }): z.input<typeof OrderViewSchema> {
  return {
    id,
    status: order?.status ?? (saga?.progress?.outcome === 'REJECTED' ? 'REJECTED' : 'PROCESSING'),
    order: order ?? null,
    saga: saga?.progress ? sagaView(saga.progress) : null,
  };
}

export function sagaView(progress: SagaProgress) {
  return {
    currentStep: progress.currentStep,
    outcome: progress.outcome,
    reasonCode: progress.reasonCode ?? null,
    reason: progress.reason ?? null,
    awaitingPaymentConfirmation: progress.awaitingPaymentConfirmation,
    paymentCaptured: progress.paymentCaptured,
    cancellable: progress.cancellable,
    steps: progress.steps,
  };
}
