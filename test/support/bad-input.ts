import assert from 'node:assert/strict';
import { http } from './services.js';

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

export async function expectRejected(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  label: string,
): Promise<{ status: number; code: string }> {
  const response = await http(baseUrl, method, path, body);
  assert.ok(
    response.status >= 400 && response.status < 500,
    `${label}: expected 4xx, got ${response.status} ${JSON.stringify(response.body)}`,
  );
  assert.equal(typeof response.body?.error?.code, 'string', `${label}: envelope has no error.code`);
  assert.equal(typeof response.body?.error?.message, 'string', `${label}: envelope has no error.message`);
  return { status: response.status, code: response.body.error.code };
}
