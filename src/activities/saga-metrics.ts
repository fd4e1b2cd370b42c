/**
 * The saga's metrics on the worker's side.
 *
 * Steps: every activity attempt already passes through the progress interceptor
 * (saga-progress.interceptor.ts), which names the step and its kind once; `withStepMetrics` counts
 * what that interceptor reports on its way to the real-time sink, so step names are not declared a
 * second time. Outcomes: the `sagaMetrics` sink that src/workflows/saga-metrics.interceptors.ts calls
 * when a saga returns.
 */
import type { InjectedSinks } from '@temporalio/worker';
import {
  compensationFailures,
  compensations,
  sagaCompleted,
  sagaDuration,
  stepAttempts,
  stepFailures,
} from '../shared/infrastructure/observability/metrics.js';
import { tagOrder } from '../shared/infrastructure/observability/tracing.js';
import type { OrderProgressEvent } from '../shared/infrastructure/realtime/realtime.contract.js';
import type { SagaMetricsSinks } from '../workflows/saga-metrics.interceptors.js';
import type { SagaProgressSink } from './saga-progress.interceptor.js';

/** Counts attempts, failures and compensations, then passes every event on unchanged. */
export function withStepMetrics(sink: SagaProgressSink): SagaProgressSink {
  return {
    orderProgress(event) {
      observeStep(event);
      sink.orderProgress(event);
    },
  };
}

function observeStep(event: OrderProgressEvent): void {
  const { step, kind } = event;
  if (event.status === 'started') {
    // Runs inside the activity (and its span, when tracing): the span learns which order it serves.
    tagOrder(event.orderId);
    stepAttempts.inc({ step, kind });
    if (kind === 'compensation' && event.attempt === 1) compensations.inc({ step });
    return;
  }
  if (event.status !== 'failed') return;
  const code = event.error?.code ?? 'UNKNOWN';
  stepFailures.inc({ step, kind, code, retryable: String(event.retryable ?? true) });
  if (kind === 'compensation') compensationFailures.inc({ step, code });
}

/** The worker's half of the saga-metrics sink: outcome counter and duration from the saga's start. */
export function sagaMetricsSinks(now: () => number = Date.now): InjectedSinks<SagaMetricsSinks> {
  return {
    sagaMetrics: {
      sagaFinished: {
        fn(info, outcome) {
          sagaCompleted.inc({ outcome });
          sagaDuration.observe({ outcome }, Math.max(0, now() - info.startTime.getTime()) / 1000);
        },
        // A replayed saga was counted when it ran.
        callDuringReplay: false,
      },
    },
  };
}
