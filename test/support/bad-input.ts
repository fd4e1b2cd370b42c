import assert from 'node:assert/strict';
import { ErrorEnvelopeSchema } from '../../src/apps/gateway/schemas/common.schemas.js';
import { http, type JsonResponse } from './services.js';

/**
 * Inputs every JSON endpoint must turn away with a 4xx and a coded envelope, never a 500.
 * Each suite adds its own field-specific cases.
 */
export const GENERIC_BAD_BODIES: { label: string; body: string }[] = [
  { label: 'malformed JSON', body: '{"unterminated": ' },
  { label: 'JSON array', body: '[1,2,3]' },
  { label: 'JSON string', body: '"hello"' },
  { label: 'JSON null', body: 'null' },
  { label: 'empty object', body: '{}' },
  { label: 'number', body: '42' },
  { label: 'deeply nested', body: '{"a":'.repeat(200) + '1' + '}'.repeat(200) },
];

/** A 4xx with the one error envelope (a string code and message); returns the code. */
export function assertRejected(response: JsonResponse<unknown>, label: string): string {
  const body = JSON.stringify(response.body);
  assert.ok(response.status >= 400 && response.status < 500, `${label}: expected 4xx, got ${response.status} ${body}`);
  const envelope = ErrorEnvelopeSchema.safeParse(response.body);
  assert.ok(envelope.success, `${label}: no error envelope (error.code and error.message strings) in ${body}`);
  return envelope.data.error.code;
}

export async function expectRejected(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  label: string,
): Promise<{ status: number; code: string }> {
  const response = await http<unknown>(baseUrl, method, path, body);
  return { status: response.status, code: assertRejected(response, label) };
}
