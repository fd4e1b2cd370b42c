import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuthResponseSchema, MeSchema } from '../../../src/apps/gateway/schemas/auth.schemas.js';
import { ErrorEnvelopeSchema } from '../../../src/apps/gateway/schemas/common.schemas.js';
import type {
  MarkAllReadResultSchema,
  NotificationPageSchema,
  NotificationSchema,
} from '../../../src/apps/gateway/schemas/notification.schemas.js';
import type { OrderPageSchema, OrderViewSchema, PlaceOrderResponseSchema } from '../../../src/apps/gateway/schemas/order.schemas.js';
import { http, type JsonResponse } from '../../support/services.js';
import type { TestSystem } from '../../support/system.js';

// What the public API answers, typed from the zod schemas the gateway answers (and documents) with.
export type AuthResponse = z.infer<typeof AuthResponseSchema>;
export type Me = z.infer<typeof MeSchema>;
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponseSchema>;
export type OrderView = z.infer<typeof OrderViewSchema>;
export type OrderPage = z.infer<typeof OrderPageSchema>;
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
export type MarkAllReadResult = z.infer<typeof MarkAllReadResultSchema>;

/** A shopper who signed up through the public API. */
export interface Shopper {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
  headers: Record<string, string>;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function registerShopper(
  api: string,
  overrides: Partial<{ email: string; name: string; password: string }> = {},
): Promise<Shopper> {
  const body = {
    email: overrides.email ?? `shopper-${randomUUID()}@example.com`,
    name: overrides.name ?? 'Gateway Shopper',
    password: overrides.password ?? `pw-${randomUUID()}`,
  };
  const response = await http<AuthResponse>(api, 'POST', '/api/auth/register', body);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const { token, customer } = response.body;
  return { id: customer.id, email: customer.email, name: customer.name, password: body.password, token, headers: bearer(token) };
}

export async function newProduct(system: TestSystem, stock: number, priceMinor = 1000): Promise<string> {
  const sku = `G-${randomUUID().slice(0, 8).toUpperCase()}`;
  const product = { sku, name: `Item ${sku}`, priceMinor, currency: 'EUR', stock };
  const response = await http(system.services.inventory.url, 'POST', '/products', product);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return sku;
}

/** The error code of a body in the one error envelope, or undefined for any other body. */
export function errorCodeOf(body: unknown): string | undefined {
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  return envelope.success ? envelope.data.error.code : undefined;
}

export { assertRejected } from '../../support/bad-input.js';

export function assertError(response: JsonResponse<unknown>, status: number, code: string, label = ''): void {
  assert.equal(response.status, status, `${label} ${JSON.stringify(response.body)}`);
  assert.equal(errorCodeOf(response.body), code, `${label} ${JSON.stringify(response.body)}`);
}

/** `details` of a 400 VALIDATION.INVALID_REQUEST (shared/infrastructure/http/validation.ts) or a per-line 422. */
const IssuesSchema = z.object({ issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) });
export type Issue = z.infer<typeof IssuesSchema>['issues'][number];

/** The per-field issues an error answer lists in `error.details.issues`. */
export function issuesOf(body: unknown): Issue[] {
  const envelope = ErrorEnvelopeSchema.parse(body);
  return IssuesSchema.parse(envelope.error.details).issues;
}
