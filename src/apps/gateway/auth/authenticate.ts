import type { Middleware } from 'koa';
import koaJwt from 'koa-jwt';
import type { AppContext, AppState } from '../../../shared/infrastructure/http/app.js';
import { type AccessTokens, AUTH_ERRORS, unauthorized, type Principal } from './access-tokens.js';

interface JwtState {
  jwt?: unknown;
  jwtOriginalError?: unknown;
  principal?: Principal;
}

/**
 * Bearer authentication with koa-jwt (same key and options as AccessTokens.verify). koa-jwt runs
 * in passthrough mode so that we, not it, choose the 401: missing, expired and invalid tokens
 * get different codes and all of them the one error envelope.
 */
export function authenticate(tokens: AccessTokens): Middleware<AppState> {
  const verifyJwt = koaJwt({
    // koa-jwt passes the secret to jsonwebtoken.verify untouched, which takes a KeyObject; the
    // typings predate KeyObject.
    secret: tokens.key as unknown as Buffer,
    ...tokens.verifyOptions,
    key: 'jwt',
    passthrough: true,
  });
  return async (ctx, next) => {
    if (!ctx.get('authorization')) throw unauthorized(AUTH_ERRORS.UNAUTHENTICATED, 'A bearer token is required');
    await verifyJwt(ctx, async () => {});
    const state = ctx.state as AppState & JwtState;
    if (state.jwtOriginalError !== undefined || state.jwt === undefined) throw tokens.rejection(state.jwtOriginalError);
    state.principal = tokens.principal(state.jwt);
    await next();
  };
}

/** The authenticated customer of this request; only on routes behind `authenticate`. */
export function principalOf(ctx: AppContext | { state: AppState }): Principal {
  const principal = (ctx.state as AppState & JwtState).principal;
  if (!principal) throw unauthorized(AUTH_ERRORS.UNAUTHENTICATED, 'A bearer token is required');
  return principal;
}
