/**
 * The storefront keeps its own copies of the operator console's types (it may not import src/):
 * web/src/lib/operator-types.ts. The compiler (npm run typecheck) checks here that everything the
 * server sends fits them, and that the pushed events name the same fields on both sides.
 */
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type { OperatorOrderSummarySchema, OperatorOrderViewSchema } from '../../src/apps/gateway/schemas/operator.schemas.js';
import type {
  OperatorOrderEvent as ServerOrderEvent,
  WorkerBreakersEvent as ServerBreakersEvent,
} from '../../src/shared/infrastructure/realtime/realtime.contract.js';
import type { OperatorOrderEvent, OperatorOrderSummary, OperatorOrderView, WorkerBreakers } from '../../web/src/lib/operator-types.js';

/** What the server sends is a value of the web's type. */
type Fits<Server, Web> = [Server] extends [Web] ? true : false;
/** Neither side has a field the other lacks. */
type SameFields<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

const checks: true[] = [
  true satisfies Fits<ServerOrderEvent, OperatorOrderEvent>,
  true satisfies SameFields<ServerOrderEvent, OperatorOrderEvent>,
  true satisfies Fits<ServerBreakersEvent, WorkerBreakers>,
  true satisfies SameFields<ServerBreakersEvent, WorkerBreakers>,
  true satisfies Fits<z.output<typeof OperatorOrderSummarySchema>, OperatorOrderSummary>,
  true satisfies Fits<z.output<typeof OperatorOrderViewSchema>, OperatorOrderView>,
];

describe('operator console types (web copies of the server shapes)', () => {
  it('the pushed events and the API answers fit the web types (checked by the compiler)', () => {
    assert.equal(checks.length, 6);
  });
});
