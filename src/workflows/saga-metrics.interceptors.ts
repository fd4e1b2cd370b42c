/**
 * Workflow interceptor (bundled with the workflows, see the worker's bundleWorkflows) that reports
 * each order saga's outcome to the worker through a sink. Sinks are fire-and-forget calls to the
 * worker: they write nothing to the history, so adding or removing this module changes no command
 * and the recorded histories still replay. Not called while replaying (a replayed saga was counted
 * when it really ran); the worker side times the saga from its start to now.
 */
import { proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface SagaMetricsSinks extends Sinks {
  sagaMetrics: {
    /** `outcome` is the saga result's outcome, or FAILED when the workflow threw. */
    sagaFinished(outcome: string): void;
  };
}

const { sagaMetrics } = proxySinks<SagaMetricsSinks>();

/** Only the order saga is measured; its result carries `outcome` (CONFIRMED, CANCELLED, ...). */
const SAGA_WORKFLOW_TYPE = 'orderSagaWorkflow';

function report(outcome: string): void {
  if (!workflowInfo().unsafe.isReplaying) sagaMetrics.sagaFinished(outcome);
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        if (workflowInfo().workflowType !== SAGA_WORKFLOW_TYPE) return next(input);
        let result: unknown;
        try {
          result = await next(input);
        } catch (error) {
          report('FAILED');
          throw error;
        }
        const outcome = (result as { outcome?: unknown } | undefined)?.outcome;
        report(typeof outcome === 'string' ? outcome : 'UNKNOWN');
        return result;
      },
    },
  ],
});
