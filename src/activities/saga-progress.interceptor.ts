/**
 * Publishes every saga activity attempt (started / completed / failed, with attempt number and
 * error) to the customer's real-time room, so the storefront's timeline shows retries and
 * compensations as they happen. Lives at the worker's edge: activities stay about their work.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import type { OrderProgressEvent, SagaStepName } from '../shared/infrastructure/realtime/realtime.contract.js';
import type { SagaRef } from './order-saga.activities.js';

export interface SagaProgressSink {
  orderProgress(event: OrderProgressEvent): void;
}

const FORWARD_STEPS: Record<string, SagaStepName> = {
  verifyCustomer: 'verify-customer',
  createOrder: 'create-order',
  reserveStock: 'reserve-stock',
  chargePayment: 'charge-payment',
  capturePayment: 'capture-payment',
  commitStock: 'commit-stock',
  notifyCustomer: 'notify-customer',
};
const COMPENSATION_STEPS: Record<string, SagaStepName> = {
  releaseStock: 'release-stock',
  refundPayment: 'refund-payment',
};

/** transitionOrder is one activity, but to the shopper "cancelled" and "confirmed" are different steps. */
function describeStep(
  activityType: string,
  args: unknown[],
): { step: SagaStepName; kind: OrderProgressEvent['kind']; targetStatus?: string } | undefined {
  if (activityType === 'transitionOrder') {
    const to = String(args[1]);
    if (to === 'CONFIRMED') return { step: 'confirm-order', kind: 'forward', targetStatus: to };
    if (to === 'CANCELLED') return { step: 'cancel-order', kind: 'compensation', targetStatus: to };
    if (to === 'NEEDS_ATTENTION') return { step: 'flag-needs-attention', kind: 'compensation', targetStatus: to };
    if (to === 'RETRYING_COMPENSATIONS' || to === 'CANCELLED_MANUALLY')
      return { step: 'operator-decision', kind: 'compensation', targetStatus: to };
    return { step: 'update-order-status', kind: 'forward', targetStatus: to };
  }
  if (activityType === 'cancelOrder') return { step: 'cancel-order', kind: 'compensation', targetStatus: 'CANCELLED' };
  if (FORWARD_STEPS[activityType]) return { step: FORWARD_STEPS[activityType], kind: 'forward' };
  if (COMPENSATION_STEPS[activityType]) return { step: COMPENSATION_STEPS[activityType], kind: 'compensation' };
  return undefined;
}

function isSagaRef(value: unknown): value is SagaRef {
  return typeof (value as SagaRef)?.orderId === 'string' && typeof (value as SagaRef)?.customerId === 'string';
}

/** Facts safe to show a shopper: never the card number (it is not in any result). */
function detailOf(activityType: string, args: unknown[], result: unknown): Record<string, unknown> | undefined {
  const { attempt: _attempt, ...rest } = (result ?? {}) as Record<string, unknown>;
  if (activityType === 'notifyCustomer') return { ...rest, type: (args[1] as { type?: string })?.type };
  return Object.keys(rest).length > 0 ? rest : undefined;
}

export function sagaProgressInterceptors(sink: SagaProgressSink): ActivityInterceptorsFactory {
  return () => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt } = Context.current().info;
        const ref = input.args[0];
        const step = isSagaRef(ref) ? describeStep(activityType, input.args) : undefined;
        if (!step || !isSagaRef(ref)) return next(input);

        const base = { orderId: ref.orderId, customerId: ref.customerId, step: step.step, kind: step.kind, attempt };
        sink.orderProgress({ ...base, status: 'started', at: new Date().toISOString() });
        try {
          const result = await next(input);
          // A compensation of something that never happened (noOp) moved no order anywhere.
          const noOp = (result as { noOp?: boolean } | undefined)?.noOp === true;
          const orderStatus = noOp ? undefined : (step.targetStatus ?? (activityType === 'createOrder' ? 'PENDING' : undefined));
          sink.orderProgress({
            ...base,
            status: 'completed',
            ...(orderStatus ? { orderStatus } : {}),
            detail: detailOf(activityType, input.args, result),
            at: new Date().toISOString(),
          });
          return result;
        } catch (error) {
          const failure = error instanceof ApplicationFailure ? error : undefined;
          sink.orderProgress({
            ...base,
            status: 'failed',
            retryable: failure ? !failure.nonRetryable : true,
            error: { code: failure?.type ?? (error as Error).name ?? 'ERROR', message: (error as Error).message },
            at: new Date().toISOString(),
          });
          throw error;
        }
      },
    } satisfies ActivityInboundCallsInterceptor,
  });
}
