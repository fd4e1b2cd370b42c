import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { SpanStatusCode, tracingOn, withClientSpan } from '../observability/tracing.js';

/**
 * A downstream answered with a coded 4xx envelope: a business or input failure that retrying
 * will not fix. Activities turn it into a non-retryable Temporal failure carrying `code`.
 */
export class RemoteServiceError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RemoteServiceError';
  }
}

/** The downstream could not be reached, timed out or failed (5xx): worth retrying. */
export class RemoteServiceUnavailable extends Error {
  constructor(
    readonly service: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RemoteServiceUnavailable';
  }
}

export interface JsonClientOptions {
  service: string;
  baseUrl: string;
  timeoutMs?: number;
  headers?: () => Record<string, string>;
}

/**
 * One keep-alive connection pool for every client of this process. undici's request() rather than
 * the global fetch(): the same HTTP client underneath without the WHATWG Request/Response/stream
 * objects, which cost the worker more CPU per saga step than the step's own work (docs/performance.md).
 * Idle connections are dropped after 4 s, before our servers' 5 s keepAliveTimeout closes them
 * (undici also honours the servers' `Keep-Alive: timeout=5` hint, less a margin).
 */
const sharedAgent: Dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: 64 });

export class JsonHttpClient {
  private readonly origin: string;

  constructor(private readonly options: JsonClientOptions) {
    this.origin = options.baseUrl.replace(/\/$/, '');
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<z.infer<T>> {
    if (!tracingOn()) return this.send(method, path, schema, body, headers);
    // A CLIENT span whose traceparent the service continues (ESM fetch is not auto-instrumented).
    const attributes = { 'http.request.method': method, 'server.address': this.options.service, 'url.full': this.options.baseUrl + path };
    return withClientSpan(`${method} ${this.options.service}`, attributes, async (traceHeaders, span) => {
      try {
        return await this.send(method, path, schema, body, { ...traceHeaders, ...headers });
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        // A coded 4xx is an answer, not a failed call.
        if (error instanceof RemoteServiceError) span.setStatus({ code: SpanStatusCode.UNSET });
        throw error;
      }
    });
  }

  private async send<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<z.infer<T>> {
    const { service } = this.options;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let status: number;
    let text: string;
    try {
      const response = await undiciRequest(this.origin + path, {
        method,
        dispatcher: sharedAgent,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.options.headers?.(),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // Waiting for the answer and then for each part of its body: a hung service fails the call.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new RemoteServiceUnavailable(service, `${service} unreachable: ${(error as Error).message}`, undefined, { cause: error });
    }
    const payload = parseJson(text);
    if (status >= 500 || status === 429 || status === 408) {
      throw new RemoteServiceUnavailable(service, `${service} answered ${status}`, status);
    }
    if (status < 200 || status >= 300) {
      const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      throw new RemoteServiceError(
        service,
        status,
        error?.code ?? `HTTP.${status}`,
        error?.message ?? `${service} answered ${status}`,
        error?.details,
      );
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // The contract was broken by the other side: a bug there, not a business outcome here.
      throw new RemoteServiceUnavailable(service, `${service} answered outside its contract: ${parsed.error.message}`, status);
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
