/** The operator API's answers (docs/operator.md; src/apps/gateway/schemas/operator.schemas.ts). */
import type { Order, SagaStep } from './api-types.js';

export interface OperatorOrderSummary {
  orderId: string;
  orderStatus: string | null;
  customerId: string | null;
  executionStatus: string;
  startedAt: string;
  closedAt: string | null;
}

export interface OperatorDecision {
  action: 'retry-compensations' | 'resolve-manually';
  operator: string;
  reason: string;
  at: string;
}

export interface OperatorSaga {
  orderStatus: string;
  currentStep: string | null;
  outcome: string | null;
  reasonCode: string | null;
  reason: string | null;
  paymentCaptured: boolean;
  awaitingDecision: boolean;
  failedCompensations: { name: string; error?: { code: string; message: string }; skipped?: boolean }[];
  decisions: OperatorDecision[];
  total: { amountMinor: number; currency: string } | null;
  steps: SagaStep[];
}

export interface OperatorOrderView {
  id: string;
  executionStatus: string | null;
  order: Order | null;
  saga: OperatorSaga | null;
}

export interface BreakerStatus {
  service: string;
  state: string;
  openedAt?: string;
  retryAfterMs?: number;
  lastFailure?: string;
}

export interface WorkerBreakers {
  workerId: string;
  taskQueue: string;
  breakers: BreakerStatus[];
  seenAt: string;
}

export interface SimulatorSettings {
  transientFailureRate: number;
  transientFailuresBeforeSuccess: number | null;
  slowCardDelayMs: number;
}

export interface OperatorOrderEvent {
  orderId: string;
  customerId: string;
  step: string;
  kind: 'forward' | 'compensation';
  status: 'started' | 'completed' | 'failed';
  attempt: number;
  orderStatus?: string;
  error?: { code: string; message: string };
  at: string;
}
