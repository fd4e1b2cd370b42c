/**
 * fetch for the gateway's API: JSON in and out, the token on every call, and one error type
 * (ApiError) whatever went wrong. Stores plug in what to do on a 401 or when the shop is down.
 */
import { ApiError, apiErrorFromResponse, isErrorEnvelope, networkError } from '../lib/errors.js';

export interface ApiHooks {
  getToken(): string | null;
  /** A call that carried a token was answered 401: the session is over. */
  onUnauthorized(error: ApiError): void;
  /** The API could not be reached or said it is down. */
  onUnavailable(error: ApiError): void;
  /** Any answer at all: the API is reachable. */
  onReachable(): void;
}

let hooks: ApiHooks = {
  getToken: () => null,
  onUnauthorized: () => undefined,
  onUnavailable: () => undefined,
  onReachable: () => undefined,
};

export function configureApi(overrides: Partial<ApiHooks>): void {
  hooks = { ...hooks, ...overrides };
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the token (default: when there is one). */
  auth?: boolean;
  query?: Record<string, string | number | boolean | undefined>;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = options.auth === false ? null : hooks.getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let url = path;
  if (options.query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query)) if (value !== undefined) params.set(key, String(value));
    const text = params.toString();
    if (text) url += `?${text}`;
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = networkError(cause);
    hooks.onUnavailable(error);
    throw error;
  }

  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }

  if (!response.ok) {
    const error = apiErrorFromResponse(response.status, body, response.headers.get('Retry-After'));
    // A 5xx without our envelope comes from a proxy in front of a gateway that is not there.
    if (error.isUnavailable || (response.status >= 500 && !isErrorEnvelope(body))) hooks.onUnavailable(error);
    else hooks.onReachable();
    if (response.status === 401 && token) hooks.onUnauthorized(error);
    throw error;
  }
  hooks.onReachable();
  return body as T;
}

export { ApiError };
