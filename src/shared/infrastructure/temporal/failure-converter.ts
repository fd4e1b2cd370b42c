import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces move into an encoded payload, so the codec encrypts them
 * too (a declined card's message, a stack naming an order). Loaded by path (`failureConverter`
 * export): the SDK bundles it into the workflow sandbox and requires it in the worker and clients.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
