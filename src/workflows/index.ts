// Entry point the worker bundles: every workflow this task queue runs.
export { orderSagaWorkflow } from './order-saga.workflow.js';
