import {
  startContextService,
  type ContextServiceDefinition,
  type RunningService,
} from '../../src/shared/infrastructure/context-service.js';
import { freshDatabaseUrl, testEventsDatabaseUrl } from './postgres.js';

/** Starts a context's real app in-process on port 0 against its own fresh database. */
export async function startServiceForTest(definition: ContextServiceDefinition, env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const prefix = definition.name.toUpperCase();
  return startContextService(definition, {
    [`${prefix}_DATABASE_URL`]: await freshDatabaseUrl(definition.name),
    [`${prefix}_PORT`]: '0',
    EVENTS_DATABASE_URL: await testEventsDatabaseUrl(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Small fetch wrapper for tests: sends JSON (or a raw string body) and parses the JSON answer. The body
 * is `unknown` unless the caller names what it expects (a contract's DTO, ErrorEnvelope, ...).
 */
export async function http<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // leave as text: a non-JSON answer is itself something a test should see
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
