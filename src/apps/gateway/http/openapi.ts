import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ErrorEnvelopeSchema } from '../schemas/common.schemas.js';
import { API_PREFIX, openApiPath, type AnyRoute, type RouteRequest } from './route-table.js';
import { RATE_LIMIT_HEADERS } from './rate-limit.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const BEARER = 'bearerAuth';

const errorContent = { 'application/json': { schema: ErrorEnvelopeSchema } };

const header = (description: string, type: 'integer' | 'string' = 'string') => ({ description, schema: { type } });

/**
 * The OpenAPI 3.1 document of the public API, generated from the same route table (and zod
 * schemas) the router is built from. Generic failures are added from each route's traits: input
 * -> 400, auth -> 401, rate limit -> 429, and 503 when a service or Temporal behind it is down.
 */
export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { version: string }): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The `token` from POST /api/auth/register or /api/auth/login.',
  });

  for (const definition of routes) {
    const request: RouteRequest = definition.request ?? {};
    const config: RouteConfig = {
      method: definition.method,
      path: API_PREFIX + openApiPath(definition.path),
      operationId: definition.operationId,
      tags: [definition.tag],
      summary: definition.summary,
      description: definition.description,
      security: definition.auth ? [{ [BEARER]: [] }] : [],
      request: {
        params: request.params as z.ZodObject | undefined,
        query: request.query as z.ZodObject | undefined,
        headers: request.headers,
        body: request.body
          ? {
              // A body schema that accepts "nothing" (a default) makes the body optional.
              required: !request.body.safeParse(undefined).success,
              content: { 'application/json': { schema: request.body } },
            }
          : undefined,
      },
      responses: responsesOf(definition),
    };
    registry.registerPath(config);
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'sagashop public API',
      version: info.version,
      description:
        'The gateway of sagashop. Errors share one envelope (`Error`). Live order progress and notifications are pushed over ' +
        'socket.io (path `/socket.io`, `auth: { token }`), events `order.progress` and `notification.created`; ' +
        'GET /api/orders/{id} and GET /api/notifications are the record to refetch after a reconnect.',
    },
  });
}

function responsesOf(definition: AnyRoute): Record<string, ResponseConfig> {
  const { response } = definition;
  const successHeaders = {
    ...(response.headers
      ? Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, header(description)]))
      : {}),
    // koa-ratelimit writes its headers on every answer of a limited route, not only on the 429.
    ...(definition.rateLimit ? rateLimitHeaders() : {}),
  };
  const responses: Record<string, ResponseConfig> = {
    [response.status]: {
      description: response.description,
      content: response.schema
        ? { [typeof response.mediaType === 'string' ? response.mediaType : 'application/json']: { schema: response.schema } }
        : response.mediaType
          ? Object.fromEntries([response.mediaType].flat().map((mediaType) => [mediaType, { schema: rawBody(mediaType) }]))
          : undefined,
      headers: Object.keys(successHeaders).length ? successHeaders : undefined,
    },
  };
  const errors = new Map<number, string[]>();
  const add = (status: number, description: string) => errors.set(status, [...(errors.get(status) ?? []), description]);

  // Every route answers 400: unknown query parameters are refused even where a route takes none.
  add(
    400,
    definition.method === 'get'
      ? 'VALIDATION.INVALID_REQUEST (details.issues per field)'
      : 'VALIDATION.INVALID_REQUEST (details.issues per field), HTTP.MALFORMED_JSON',
  );
  if (definition.method !== 'get') add(413, 'HTTP.PAYLOAD_TOO_LARGE');
  if (definition.auth) add(401, 'AUTH.UNAUTHENTICATED (no token), AUTH.TOKEN_EXPIRED, AUTH.TOKEN_INVALID');
  if (definition.role) {
    // requireRole asks the customer service whether the role is still held (auth/roles.ts).
    add(401, 'AUTH.ACCOUNT_DISABLED (deactivated since the token was issued)');
    add(403, `OPERATOR.FORBIDDEN: the token lacks the ${definition.role} role, or it was revoked since`);
  }
  if (definition.rateLimit) add(429, 'RATE_LIMITED: wait Retry-After seconds');
  if (!definition.selfContained || definition.role) {
    add(503, 'SERVICE_UNAVAILABLE: a service behind the gateway is down; retry after Retry-After seconds');
  }
  for (const [status, description] of Object.entries(definition.errors ?? {})) add(Number(status), description);

  for (const [status, descriptions] of [...errors].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: descriptions.join('; '),
      content: errorContent,
      headers:
        status === 429
          ? { 'Retry-After': header('seconds to wait', 'integer'), ...rateLimitHeaders() }
          : status === 503
            ? { 'Retry-After': header('seconds to wait before retrying', 'integer') }
            : status === 401
              ? { 'WWW-Authenticate': header('Bearer realm="sagashop"') }
              : undefined,
    };
  }
  return responses;
}

function rateLimitHeaders() {
  return {
    [RATE_LIMIT_HEADERS.limit]: header('requests allowed per window', 'integer'),
    [RATE_LIMIT_HEADERS.remaining]: header('requests left in this window', 'integer'),
    [RATE_LIMIT_HEADERS.reset]: header('seconds until the window resets', 'integer'),
  };
}

/** A body the handler writes itself: text is a string, anything else (an icon) opaque bytes of that type. */
function rawBody(mediaType: string) {
  const text = mediaType.startsWith('text/') || /[/+](javascript|json|xml)$/.test(mediaType);
  return text ? { type: 'string' as const } : { type: 'string' as const, contentMediaType: mediaType };
}
