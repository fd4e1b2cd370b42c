/**
 * One table describes every public route: method, path, input schemas, response schema, auth,
 * rate limit. The Koa router and the OpenAPI document are both built from it (openapi.ts), so
 * the docs cannot drift from what the gateway accepts and answers.
 */
import Router, { type RouterMiddleware } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppContext, AppState } from '../../../shared/infrastructure/http/app.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import { validate } from '../../../shared/infrastructure/http/validation.js';
import { principalOf } from '../auth/authenticate.js';
import type { Principal, TokenRole } from '../auth/access-tokens.js';

export const API_PREFIX = '/api';

export type RateLimitName = 'auth' | 'orders';

export interface RouteRequest {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Keys in lower case, as Koa presents headers. */
  headers?: z.ZodObject;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<Req extends RouteRequest, Auth extends boolean> {
  params: Parsed<Req['params']>;
  query: Parsed<Req['query']>;
  body: Parsed<Req['body']>;
  headers: Parsed<Req['headers']>;
  /** Present exactly on routes with `auth: true`: the customer the verified token names. */
  principal: Auth extends true ? Principal : undefined;
  ctx: AppContext;
}

export interface RouteResponse<Res extends z.ZodType | undefined> {
  status: 200 | 201 | 202;
  description: string;
  /** JSON body; without one the handler writes ctx.body itself (docs page, assets). */
  schema?: Res;
  /** Content type(s) of a body the handler writes itself; several when it depends on the input (docs assets). */
  mediaType?: string | readonly string[];
  /** Response headers worth documenting: name -> description. */
  headers?: Record<string, string>;
}

type RouteResult<Res extends z.ZodType | undefined> = Res extends z.ZodType ? z.input<Res> : void;

export interface Route<
  Req extends RouteRequest = RouteRequest,
  Res extends z.ZodType | undefined = z.ZodType | undefined,
  Auth extends boolean = boolean,
> {
  method: 'get' | 'post';
  /** Koa syntax below API_PREFIX: `/orders/:id`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  /** Only tokens carrying this role get through (403 OPERATOR.FORBIDDEN otherwise); needs `auth: true`. */
  role?: TokenRole;
  rateLimit?: RateLimitName;
  /** Answered by the gateway alone (no service or Temporal behind it): never a 503. */
  selfContained?: boolean;
  request?: Req;
  response: RouteResponse<Res>;
  /** What this route answers besides the generic 400/401/429/503: status -> description (with codes). */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 422 | 503, string>>;
  /** A handler with nothing to wait for (a static list, the docs page) answers at once. */
  handle(input: RouteInput<Req, Auth>): RouteResult<Res> | Promise<RouteResult<Res>>;
}

/** Identity with inference: each route's handler is type-checked against its own schemas. */
export function route<Req extends RouteRequest, Res extends z.ZodType | undefined, const Auth extends boolean>(
  definition: Route<Req, Res, Auth>,
): Route<Req, Res, Auth> {
  return definition;
}

/**
 * The table mixes routes of many shapes; each one was checked by route() where it was written.
 * Every specific route is one of these: `handle` is a method, so its input is compared both ways.
 */
export type AnyRoute = Route;

export interface RouteGuards {
  authenticate: Middleware<AppState>;
  requireRole: (role: TokenRole) => Middleware<AppState>;
  rateLimits: Record<RateLimitName, Middleware<AppState>>;
}

/** Without a query schema a route takes no query parameters; without a body schema, no body fields. */
const NO_QUERY = z.strictObject({});
const NO_BODY = z.strictObject({});

export function buildRouter(routes: readonly AnyRoute[], guards: RouteGuards): Router<AppState> {
  const router = new Router<AppState>({ prefix: API_PREFIX });
  for (const definition of routes) {
    const chain: Middleware<AppState>[] = [];
    if (definition.auth) chain.push(guards.authenticate);
    if (definition.role) {
      if (!definition.auth) throw new Error(`route ${definition.operationId} names a role but takes no token`);
      chain.push(guards.requireRole(definition.role));
    }
    if (definition.rateLimit) chain.push(guards.rateLimits[definition.rateLimit]);
    chain.push(handler(definition));
    router.register(definition.path, [definition.method.toUpperCase()], chain as RouterMiddleware<AppState>[], {
      name: definition.operationId,
    });
  }
  return router;
}

function handler(definition: AnyRoute): Middleware<AppState> {
  const request: RouteRequest = definition.request ?? {};
  return async (koaContext) => {
    const ctx = koaContext as AppContext;
    const input: RouteInput<RouteRequest, boolean> = {
      params: request.params ? validate(request.params, ctx.params, 'params') : undefined,
      query: validate(request.query ?? NO_QUERY, ctx.query, 'query'),
      body: definition.method === 'get' ? undefined : validate(request.body ?? NO_BODY, ctx.request.body, 'body'),
      headers: request.headers ? validateHeaders(request.headers, ctx.headers) : undefined,
      principal: definition.auth ? principalOf(ctx) : undefined,
      ctx,
    };
    const result = await definition.handle(input);
    if (definition.response.schema) {
      ctx.status = definition.response.status;
      ctx.body = result;
      // A handler that tagged its answer (ETag) spares a client that already has it the body.
      if (ctx.response.get('ETag') && ctx.fresh) ctx.status = 304;
    }
  };
}

/** Same envelope as validate() (which knows body, params and query only). */
function validateHeaders<T extends z.ZodType>(schema: T, headers: unknown): z.output<T> {
  const result = schema.safeParse(headers);
  if (result.success) return result.data;
  throw new HttpError(400, 'VALIDATION.INVALID_REQUEST', 'Invalid request headers', {
    issues: result.error.issues.map((issue) => ({
      path: ['headers', ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}

/** `/orders/:id` -> `/orders/{id}`. */
export function openApiPath(koaPath: string): string {
  return koaPath.replace(/:(\w+)/g, '{$1}');
}
