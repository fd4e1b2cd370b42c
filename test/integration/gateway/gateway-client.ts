import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { http, type JsonResponse } from '../../support/services.js';
import type { TestSystem } from '../../support/system.js';

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

export async function registerShopper(api: string, overrides: Partial<{ email: string; name: string; password: string }> = {}): Promise<Shopper> {
  const body = {
    email: overrides.email ?? `shopper-${randomUUID()}@example.com`,
    name: overrides.name ?? 'Gateway Shopper',
    password: overrides.password ?? `pw-${randomUUID()}`,
  };
  const response = await http(api, 'POST', '/api/auth/register', body);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const { token, customer } = response.body;
  return { id: customer.id, email: customer.email, name: customer.name, password: body.password, token, headers: bearer(token) };
}

export async function newProduct(system: TestSystem, stock: number, priceMinor = 1000): Promise<string> {
  const sku = `G-${randomUUID().slice(0, 8).toUpperCase()}`;
  const response = await http(system.services.inventory.url, 'POST', '/products', { sku, name: `Item ${sku}`, priceMinor, currency: 'EUR', stock });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return sku;
}

/** A 4xx with the one error envelope; returns the code. */
export function assertRejected(response: JsonResponse, label: string): string {
  assert.ok(response.status >= 400 && response.status < 500, `${label}: expected 4xx, got ${response.status} ${JSON.stringify(response.body)}`);
  assert.equal(typeof response.body?.error?.code, 'string', `${label}: no error.code in ${JSON.stringify(response.body)}`);
  assert.equal(typeof response.body?.error?.message, 'string', `${label}: no error.message`);
  return response.body.error.code;
}

export function assertError(response: JsonResponse, status: number, code: string, label = ''): void {
  assert.equal(response.status, status, `${label} ${JSON.stringify(response.body)}`);
  assert.equal(response.body?.error?.code, code, `${label} ${JSON.stringify(response.body)}`);
}
