/**
 * The whole system for a fuzz run (test/fuzz/run.sh): the test system (embedded Postgres, the
 * Temporal dev server, five services, a worker and a gateway, all on 127.0.0.1, free ports), a
 * shopper with a real token who is also an operator, a few products, and a copy of the OpenAPI document schemathesis can
 * read. Writes `<dir>/ready.json` ({ url, token, skus }) and `<dir>/openapi.json`, then runs until
 * SIGINT/SIGTERM.
 *
 *   node --import tsx test/fuzz/fuzz-system.ts <dir>
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TEST_CARDS } from '../../src/contexts/payment/contract.js';
import { http } from '../support/services.js';
import { stopTestPostgres } from '../support/postgres.js';
import { startTestSystem } from '../support/system.js';
import { stopTestTemporal } from '../support/temporal.js';
import { newProduct, registerShopper } from '../integration/gateway/gateway-client.js';

type Json = Record<string, unknown>;

/** The little of a JSON Schema (in the OpenAPI document) this script writes examples into. */
interface SchemaNode {
  properties?: Record<string, SchemaNode | undefined>;
  items?: SchemaNode;
  examples?: unknown[];
}

/**
 * OpenAPI 3.1 allows `type: ['string', 'null']`; schemathesis 4.32 crashes on such arrays in its
 * dependency analysis. The same meaning as `anyOf` of one schema per type (an `enum` keeps only
 * the values of that type).
 */
export function typeArraysToAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typeArraysToAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Json).map(([key, value]) => [key, typeArraysToAnyOf(value)] as const);
  const schema: Json = Object.fromEntries(entries);
  if (!Array.isArray(schema.type)) return schema;
  const { type: types, enum: values, description, ...rest } = schema as Json & { type: string[]; enum?: unknown[] };
  const branch = (type: string): Json => {
    if (type === 'null') return { type: 'null' };
    const ofType = values?.filter((value) => value !== null);
    return { ...rest, type, ...(ofType ? { enum: ofType } : {}) };
  };
  return { ...(description === undefined ? {} : { description }), anyOf: types.map(branch) };
}

async function main(): Promise<void> {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: fuzz-system.ts <output directory>');
  // The fuzzing shopper is also an operator, so the operator routes are fuzzed past their 403.
  const operatorEmail = `fuzz-operator-${randomUUID().slice(0, 8)}@example.com`;
  const system = await startTestSystem({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', OPERATOR_EMAILS: operatorEmail });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await system.stop().catch((error) => console.error(error));
    await Promise.all([stopTestPostgres(), stopTestTemporal()]).catch((error) => console.error(error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const url = system.gateway.url;
  const shopper = await registerShopper(url, { email: operatorEmail });
  const skus = [await newProduct(system, 1_000_000), await newProduct(system, 1_000_000, 2500)];
  const document = typeArraysToAnyOf((await http<unknown>(url, 'GET', '/api/openapi.json')).body) as {
    components: { schemas: Record<string, SchemaNode | undefined> };
  };
  // Examples only (no constraint changes): without them nearly every generated order names an
  // unknown sku or a card failing the Luhn check, and the accepted path is hardly ever reached.
  const placeOrder = document.components.schemas.PlaceOrderRequest?.properties;
  const sku = placeOrder?.lines?.items?.properties?.sku;
  const cardNumber = placeOrder?.cardNumber;
  if (!sku || !cardNumber)
    throw new Error('PlaceOrderRequest in the OpenAPI document has no lines[].sku or cardNumber: update fuzz-system.ts');
  sku.examples = skus;
  cardNumber.examples = Object.values(TEST_CARDS).map((card) => card.number);
  await writeFile(path.join(directory, 'openapi.json'), JSON.stringify(document, null, 2));
  await writeFile(path.join(directory, 'ready.json'), JSON.stringify({ url, token: shopper.token, skus }));
  console.log(`fuzz system ready: ${url}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
