import type { z } from 'zod';
import { INVENTORY_ERROR_CODES, type InventoryClient } from '../../../contexts/inventory/contract.js';
import { ORDER_ERROR_CODES, type OrderClient, type OrderDto } from '../../../contexts/order/contract.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { Logger } from '../../../shared/infrastructure/logger.js';
import type { SagaProgress } from '../../../workflows/order-saga.messages.js';
import { downstream, downstreamOrMissing } from '../http/downstream.js';
import {
  OrderWorkflowsUnavailable,
  type OrderWorkflows,
  type PlaceOutcome,
  type SagaState,
  type UpdateOutcome,
} from '../order-workflows.js';
import type { OrderViewSchema } from '../schemas/order.schemas.js';

export interface OrderSources {
  orders: OrderClient;
  workflows: OrderWorkflows;
}

/** Codes the gateway itself answers about orders (the saga's own are in SAGA_ERRORS). */
export const ORDER_ACCESS_ERRORS = {
  NOT_FOUND: ORDER_ERROR_CODES.NOT_FOUND,
  ALREADY_FINISHED: 'ORDER.ALREADY_FINISHED',
  KEY_REUSED: 'IDEMPOTENCY.KEY_REUSED',
} as const;

export const orderNotFound = (id: string) => new HttpError(404, ORDER_ACCESS_ERRORS.NOT_FOUND, `No order ${id}`);

/**
 * Every call to the order workflows goes through here: Temporal unreachable or timing out is a
 * 503 the client may retry, not a 500.
 */
export async function sagaCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OrderWorkflowsUnavailable) throw workflowsUnavailable(error);
    throw error;
  }
}

const workflowsUnavailable = (error: OrderWorkflowsUnavailable) =>
  new HttpError(503, 'SERVICE_UNAVAILABLE', error.message, undefined, { 'Retry-After': '5' });

/** A placement as HTTP sees it: the order id, and whether an earlier request already placed it. */
export function placedOrder(outcome: PlaceOutcome): { orderId: string; replayed: boolean } {
  switch (outcome.kind) {
    case 'started':
      return { orderId: outcome.orderId, replayed: false };
    case 'replayed':
      return { orderId: outcome.orderId, replayed: true };
    case 'key-reused':
      throw new HttpError(422, ORDER_ACCESS_ERRORS.KEY_REUSED, 'This Idempotency-Key was already used with a different request body', {
        orderId: outcome.orderId,
      });
  }
}

/** An update's progress, or the HTTP error for why the saga did not take it. */
export function updatedSaga(id: string, outcome: UpdateOutcome): SagaProgress {
  switch (outcome.kind) {
    case 'ok':
      return outcome.progress;
    case 'rejected':
      throw new HttpError(409, outcome.code, outcome.message);
    case 'already-finished':
      throw new HttpError(409, ORDER_ACCESS_ERRORS.ALREADY_FINISHED, 'The order has already finished');
    case 'not-found':
      throw orderNotFound(id);
  }
}

/**
 * The order as its owner may see it. The order service is the record; before the order exists
 * (or when the saga refused it) the saga alone answers. Someone else's order is a 404 exactly
 * like a missing one, so ids cannot be probed. With Temporal unreachable (history down) the
 * order service's record is answered without the saga's live part; only an order the order
 * service does not have yet is a 503 then.
 */
export async function ownOrder(sources: OrderSources, id: string, customerId: string): Promise<{ order?: OrderDto; saga?: SagaState }> {
  const [order, sagaOrOutage] = await Promise.all([
    downstreamOrMissing(() => sources.orders.get(id)),
    sources.workflows.progress(id).catch((error: unknown) => {
      if (error instanceof OrderWorkflowsUnavailable) return error;
      throw error;
    }),
  ]);
  if (sagaOrOutage instanceof OrderWorkflowsUnavailable && !order) throw workflowsUnavailable(sagaOrOutage);
  const saga = sagaOrOutage instanceof OrderWorkflowsUnavailable ? undefined : sagaOrOutage;
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

/** Resolves when the sku is in the catalog; rejects with inventory's error (PRODUCT_NOT_FOUND, unavailable) otherwise. */
export interface SkuCheck {
  requireProduct(sku: string): Promise<void>;
}

/** The check straight at the inventory service, for a gateway without a catalog cache (some tests). */
export function skuCheckOf(inventory: Pick<InventoryClient, 'getProduct'>): SkuCheck {
  return { requireProduct: async (sku) => void (await inventory.getProduct(sku)) };
}

/**
 * Refuses an order naming a sku the catalog does not have, before any saga starts: a 422 with one
 * field-level issue per unknown line, in the envelope of a validation error, so a form can show
 * it next to the line. The skus are looked up concurrently through the gateway's catalog cache,
 * which remembers skus it has seen, so on the accept path this is normally no request at all.
 *
 * This is early feedback, not the rule: the saga checks the catalog again when it reserves stock.
 * So when the inventory service cannot answer (down, timing out, failing), placement goes on as
 * it did before this check existed (202, the saga retries until inventory is back) instead of
 * turning an inventory outage into refused orders.
 */
export async function refuseUnknownSkus(catalog: SkuCheck, lines: readonly { sku: string }[], log: Logger): Promise<void> {
  const unknown = await Promise.all(
    lines.map(async ({ sku }, index) => {
      try {
        await downstream(() => catalog.requireProduct(sku));
        return undefined;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (error.code === INVENTORY_ERROR_CODES.PRODUCT_NOT_FOUND) return { sku, index };
        if (error.status === 503) {
          log.warn({ err: error, sku }, 'catalog check skipped: inventory unavailable; the saga will check the sku');
          return undefined;
        }
        throw error;
      }
    }),
  );
  const issues = unknown
    .filter((line) => line !== undefined)
    .map(({ sku, index }) => ({
      path: `body.lines.${index}.sku`,
      code: INVENTORY_ERROR_CODES.PRODUCT_NOT_FOUND,
      message: `No product ${sku} in the catalog`,
    }));
  if (issues.length) {
    throw new HttpError(
      422,
      INVENTORY_ERROR_CODES.PRODUCT_NOT_FOUND,
      issues.length === 1 ? issues[0].message : 'Some products are not in the catalog',
      { issues },
    );
  }
}
