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

export class JsonHttpClient {
  constructor(private readonly options: JsonClientOptions) {}

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
    let response: Response;
    try {
      response = await fetch(this.options.baseUrl.replace(/\/$/, '') + path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.options.headers?.(),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new RemoteServiceUnavailable(service, `${service} unreachable: ${(error as Error).message}`, undefined, { cause: error });
    }
    const text = await response.text().catch(() => '');
    const payload = parseJson(text);
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new RemoteServiceUnavailable(service, `${service} answered ${response.status}`, response.status);
    }
    if (!response.ok) {
      const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      throw new RemoteServiceError(
        service,
        response.status,
        error?.code ?? `HTTP.${response.status}`,
        error?.message ?? `${service} answered ${response.status}`,
        error?.details,
      );
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // The contract was broken by the other side: a bug there, not a business outcome here.
      throw new RemoteServiceUnavailable(service, `${service} answered outside its contract: ${parsed.error.message}`, response.status);
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
