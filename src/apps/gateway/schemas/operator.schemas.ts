/**
 * The operator console's API (/api/operator/*): what it reads (orders by status, one order's whole
 * saga, the workers' breakers, the payment simulator) and the decisions it sends.
 */
import { z } from 'zod';
import { ORDER_STATUSES } from '../../../contexts/order/contract.js';
import { SimulatorSettingsDtoSchema, UpdateSimulatorSettingsRequestSchema } from '../../../contexts/payment/contract.js';
import { MAX_DECISION_REASON_LENGTH } from '../../../workflows/order-saga.messages.js';
import { MoneySchema, NO_NUL, NO_NUL_MESSAGE, orNull, queryInteger, SOME_TEXT_PATTERN } from './common.schemas.js';
import { OrderSchema, SagaStepSchema } from './order.schemas.js';

/** Every status the saga writes into its OrderStatus search attribute. */
export const OPERATOR_ORDER_STATUSES = ['NEW', ...ORDER_STATUSES, 'REJECTED'] as const;
const OrderStatusFilterSchema = z.enum(OPERATOR_ORDER_STATUSES);

export const OperatorOrdersQuerySchema = z.strictObject({
  status: OrderStatusFilterSchema.optional().meta({ description: 'only orders the saga last put in this status' }),
  limit: queryInteger(1, 200, 50, 'at most this many orders (NEEDS_ATTENTION ones count too)'),
});

export const OperatorOrderSummarySchema = z
  .object({
    orderId: z.string(),
    orderStatus: z.string().nullable().meta({ description: 'the OrderStatus search attribute; null before the saga wrote one' }),
    customerId: z.string().nullable(),
    executionStatus: z.string().meta({ description: "Temporal's execution status: RUNNING, COMPLETED, FAILED, ..." }),
    startedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'OperatorOrderSummary' });

export const OperatorOrderListSchema = z
  .object({ items: z.array(OperatorOrderSummarySchema) })
  .meta({ id: 'OperatorOrderList', description: 'NEEDS_ATTENTION orders first, then the newest.' });

export const OperatorIdParamsSchema = z.strictObject({ id: z.uuid() });

const DecisionSchema = z.object({
  action: z.enum(['retry-compensations', 'resolve-manually']),
  operator: z.string(),
  reason: z.string(),
  at: z.string(),
});

export const OperatorSagaSchema = z
  .object({
    orderStatus: z.string(),
    currentStep: z.string().nullable(),
    outcome: z.string().nullable(),
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
    paymentCaptured: z.boolean(),
    awaitingDecision: z.boolean().meta({ description: 'true while the saga waits for an operator decision' }),
    failedCompensations: z.array(
      z.object({
        name: z.string(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
        skipped: z.boolean().optional(),
      }),
    ),
    decisions: z.array(DecisionSchema),
    total: orNull(MoneySchema),
    steps: z.array(SagaStepSchema),
  })
  .meta({ id: 'OperatorSaga', description: "The saga's whole history: steps, attempts, errors, compensations, decisions." });

export const OperatorOrderViewSchema = z
  .object({
    id: z.string(),
    executionStatus: z.string().nullable(),
    order: orNull(OrderSchema).meta({
      description: "The order service's record with its status history (who, why); null before it exists",
    }),
    saga: orNull(OperatorSagaSchema).meta({ description: 'null when no worker can answer for the saga right now' }),
  })
  .meta({ id: 'OperatorOrderView' });

export const DecisionBodySchema = z
  .strictObject({
    action: z.enum(['retry-compensations', 'resolve-manually']).meta({
      description: 'retry-compensations: run the failed compensations again; resolve-manually: settled by hand (ends CANCELLED_MANUALLY)',
    }),
    reason: z
      .string()
      .trim()
      .min(1, 'reason is required')
      .max(MAX_DECISION_REASON_LENGTH)
      .regex(NO_NUL, `reason ${NO_NUL_MESSAGE}`)
      // Documents "not only whitespace" too, which the trim and min(1) check.
      .meta({ pattern: SOME_TEXT_PATTERN }),
  })
  .meta({ id: 'OperatorDecisionRequest', example: { action: 'retry-compensations', reason: 'payment service is back' } });

export const DecisionResponseSchema = z
  .object({ orderId: z.string(), decisionRecorded: z.literal(true), saga: OperatorSagaSchema })
  .meta({ id: 'OperatorDecisionResponse' });

export const WorkerBreakersSchema = z
  .object({
    workers: z.array(
      z.object({
        workerId: z.string(),
        taskQueue: z.string(),
        seenAt: z.string(),
        breakers: z.array(
          z.object({
            service: z.string(),
            state: z.string().meta({ description: 'closed, open, half-open or isolated' }),
            openedAt: z.string().optional(),
            retryAfterMs: z.number().optional(),
            lastFailure: z.string().optional(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'WorkerBreakers', description: 'The latest breakers of every worker seen in the last 30 seconds.' });

export const SimulatorSettingsSchema = SimulatorSettingsDtoSchema.meta({ id: 'SimulatorSettings' });
// Every field is optional, so is the body: an empty patch changes nothing and answers the settings.
export const SimulatorSettingsPatchSchema = UpdateSimulatorSettingsRequestSchema.default({}).meta({ id: 'SimulatorSettingsPatch' });
