import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import { OPERATOR_PATTERN, SAGA_ERRORS, type SagaProgress } from '../../../workflows/order-saga.messages.js';
import { downstream, downstreamOrMissing } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import {
  DecisionBodySchema,
  DecisionResponseSchema,
  OperatorIdParamsSchema,
  OperatorOrderListSchema,
  OperatorOrdersQuerySchema,
  OperatorOrderViewSchema,
  SimulatorSettingsPatchSchema,
  SimulatorSettingsSchema,
  WorkerBreakersSchema,
} from '../schemas/operator.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';
import { orderNotFound, sagaCall, updatedSaga } from './order-access.js';

const TAG = 'Operator';

/** A worker that has not reported for this long is gone (it reports every few seconds). */
export const WORKER_SEEN_WITHIN_MS = 30_000;

/**
 * The operator console: every customer's orders, a saga's whole history, the decision on a saga
 * that needs attention, the workers' breakers and the payment simulator. Every route needs a
 * token with the operator role (403 OPERATOR.FORBIDDEN otherwise).
 */
export function operatorRoutes(deps: GatewayDependencies): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/operator/orders',
      operationId: 'operatorListOrders',
      tag: TAG,
      summary: 'Orders of every customer by status, NEEDS_ATTENTION first',
      description: "Read from Temporal's visibility (the saga's OrderStatus search attribute), which trails the sagas by a moment.",
      auth: true,
      role: 'operator',
      request: { query: OperatorOrdersQuerySchema },
      response: { status: 200, description: 'Orders, NEEDS_ATTENTION first, then newest first', schema: OperatorOrderListSchema },
      async handle({ query }) {
        if (query.status) return { items: await sagaCall(() => deps.workflows.list({ orderStatus: query.status, limit: query.limit })) };
        const [attention, recent] = await sagaCall(() =>
          Promise.all([
            deps.workflows.list({ orderStatus: 'NEEDS_ATTENTION', limit: query.limit }),
            deps.workflows.list({ limit: query.limit }),
          ]),
        );
        const first = new Set(attention.map((item) => item.orderId));
        return { items: [...attention, ...recent.filter((item) => !first.has(item.orderId))].slice(0, query.limit) };
      },
    }),

    route({
      method: 'get',
      path: '/operator/orders/:id',
      operationId: 'operatorGetOrder',
      tag: TAG,
      summary: "Any order with its saga's whole history (steps, attempts, errors, compensations, decisions)",
      auth: true,
      role: 'operator',
      request: { params: OperatorIdParamsSchema },
      response: { status: 200, description: 'The order and its saga', schema: OperatorOrderViewSchema },
      errors: { 404: 'ORDER.NOT_FOUND' },
      async handle({ params }) {
        const [order, saga] = await Promise.all([
          downstreamOrMissing(() => deps.orders.get(params.id)),
          sagaCall(() => deps.workflows.progress(params.id)),
        ]);
        if (!order && !saga) throw orderNotFound(params.id);
        return {
          id: params.id,
          executionStatus: saga?.status ?? null,
          order: order ?? null,
          saga: saga?.progress ? operatorSaga(saga.progress) : null,
        };
      },
    }),

    route({
      method: 'post',
      path: '/operator/orders/:id/decision',
      operationId: 'operatorDecide',
      tag: TAG,
      summary: 'Decide on an order that needs attention: retry the failed compensations, or resolved by hand',
      description:
        "Answers once the saga has recorded the decision (in the order's history, with the operator and the reason); a retry " +
        'then runs in the background: follow it with GET /api/operator/orders/{id} or the operator.order socket events.',
      auth: true,
      role: 'operator',
      request: { params: OperatorIdParamsSchema, body: DecisionBodySchema },
      response: { status: 202, description: 'Decision recorded', schema: DecisionResponseSchema },
      errors: {
        404: 'ORDER.NOT_FOUND',
        409: `${SAGA_ERRORS.NOT_AWAITING_DECISION} (the saga is not waiting for a decision), ORDER.ALREADY_FINISHED`,
        422: `${SAGA_ERRORS.INVALID_DECISION}`,
      },
      async handle({ params, body, principal }) {
        const customer = await downstreamOrMissing(() => deps.customers.get(principal.customerId));
        // The history names the operator by email where the saga's actor pattern allows it, else by id.
        const operator = customer && OPERATOR_PATTERN.test(customer.email) ? customer.email : principal.customerId;
        const outcome = await sagaCall(() => deps.workflows.decide(params.id, { action: body.action, operator, reason: body.reason }));
        if (outcome.kind === 'rejected' && outcome.code === SAGA_ERRORS.INVALID_DECISION) {
          throw new HttpError(422, outcome.code, outcome.message);
        }
        const progress = updatedSaga(params.id, outcome);
        return { orderId: params.id, decisionRecorded: true as const, saga: operatorSaga(progress) };
      },
    }),

    route({
      method: 'get',
      path: '/operator/breakers',
      operationId: 'operatorBreakers',
      tag: TAG,
      summary: 'The circuit breakers of every worker seen lately',
      auth: true,
      role: 'operator',
      response: { status: 200, description: 'Breakers per worker', schema: WorkerBreakersSchema },
      async handle() {
        return { workers: await deps.breakers.recent(WORKER_SEEN_WITHIN_MS) };
      },
    }),

    route({
      method: 'get',
      path: '/operator/simulator',
      operationId: 'operatorGetSimulator',
      tag: TAG,
      summary: "The payment simulator's settings (transient failure rate, slow-card delay)",
      auth: true,
      role: 'operator',
      response: { status: 200, description: 'The current settings', schema: SimulatorSettingsSchema },
      handle: () => downstream(() => deps.payments.getSimulatorSettings()),
    }),

    route({
      method: 'post',
      path: '/operator/simulator',
      operationId: 'operatorUpdateSimulator',
      tag: TAG,
      summary: "Change the payment simulator's settings (only the fields given), to make payments fail on purpose",
      auth: true,
      role: 'operator',
      request: { body: SimulatorSettingsPatchSchema },
      response: { status: 200, description: 'The settings now', schema: SimulatorSettingsSchema },
      handle: ({ body }) => downstream(() => deps.payments.updateSimulatorSettings(body)),
    }),
  ];
}

/** The saga's progress as the console shows it: everything, including attempts, errors and decisions. */
export function operatorSaga(progress: SagaProgress) {
  return {
    orderStatus: progress.orderStatus,
    currentStep: progress.currentStep,
    outcome: progress.outcome,
    reasonCode: progress.reasonCode ?? null,
    reason: progress.reason ?? null,
    paymentCaptured: progress.paymentCaptured,
    // Sagas that started before operators could decide answer without these fields.
    awaitingDecision: progress.awaitingDecision ?? false,
    failedCompensations: progress.failedCompensations ?? [],
    decisions: progress.decisions ?? [],
    total: progress.total ?? null,
    steps: progress.steps,
  };
}
