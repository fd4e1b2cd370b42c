import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';

export const TOKEN_ISSUER = 'sagashop';
export const TOKEN_AUDIENCE = 'sagashop-web';
/** Pinned: a token that names another algorithm (`none`, RS256 with our secret as "public key") is refused. */
export const TOKEN_ALGORITHM = 'HS256';

export const AUTH_ERRORS = {
  UNAUTHENTICATED: 'AUTH.UNAUTHENTICATED',
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  TOKEN_INVALID: 'AUTH.TOKEN_INVALID',
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'AUTH.ACCOUNT_DISABLED',
} as const;

/** Roles a token may carry; `operator` opens /api/operator/* and the operator socket room. */
export const TOKEN_ROLES = ['operator'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Who a verified token speaks for. The customer id never comes from a body or a query. */
export interface Principal {
  customerId: string;
  expiresAt: Date;
  /** Fixed at log-in: a role granted later needs a new log-in, one revoked lasts until the token expires. */
  roles: readonly TokenRole[];
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

// Signature, algorithm, issuer, audience and expiry are jsonwebtoken's checks; these are ours.
// A role name this gateway does not know grants nothing (it is dropped, not refused).
const ClaimsSchema = z.object({
  sub: z.uuid(),
  exp: z.number().int(),
  iat: z.number().int(),
  roles: z
    .array(z.string())
    .optional()
    .transform((roles) => (roles ?? []).filter((role): role is TokenRole => (TOKEN_ROLES as readonly string[]).includes(role))),
});

/** 401 with the envelope; `WWW-Authenticate` tells a client which scheme to use (RFC 6750). */
export function unauthorized(code: string, message: string): HttpError {
  const error = code === AUTH_ERRORS.UNAUTHENTICATED ? '' : ', error="invalid_token"';
  return new HttpError(401, code, message, undefined, { 'WWW-Authenticate': `Bearer realm="sagashop"${error}` });
}

/**
 * Access tokens: HS256 JWTs whose subject is the customer id. One instance signs (login) and
 * verifies (HTTP through koa-jwt, and the socket.io handshake) with the same key and options.
 */
export class AccessTokens {
  readonly key: KeyObject;
  readonly verifyOptions = {
    algorithms: [TOKEN_ALGORITHM],
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
  } satisfies jwt.VerifyOptions;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    // A KeyObject rather than a string: jsonwebtoken then knows it is a symmetric key and will
    // not accept it as the "public key" of an asymmetric algorithm.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(customerId: string, roles: readonly TokenRole[] = []): IssuedToken {
    // A shopper's token carries no roles claim at all: the same token as before roles existed.
    const token = jwt.sign(roles.length ? { roles: [...roles] } : {}, this.key, {
      algorithm: TOKEN_ALGORITHM,
      subject: customerId,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** For callers that hold a raw token (the socket.io handshake). Throws the 401 HttpError. */
  verify(token: unknown): Principal {
    if (typeof token !== 'string' || token === '') throw unauthorized(AUTH_ERRORS.UNAUTHENTICATED, 'A bearer token is required');
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, this.key, this.verifyOptions);
    } catch (error) {
      throw this.rejection(error);
    }
    return this.principal(decoded);
  }

  /** The decoded payload of a signature-checked token -> who it speaks for. */
  principal(decoded: unknown): Principal {
    const claims = ClaimsSchema.safeParse(decoded);
    if (!claims.success) throw unauthorized(AUTH_ERRORS.TOKEN_INVALID, 'The token does not name a customer');
    return { customerId: claims.data.sub, expiresAt: new Date(claims.data.exp * 1000), roles: claims.data.roles };
  }

  /** What jsonwebtoken raised -> the stable code a client can act on (refresh vs. log in again). */
  rejection(error: unknown): HttpError {
    if (error instanceof jwt.TokenExpiredError) return unauthorized(AUTH_ERRORS.TOKEN_EXPIRED, 'The token has expired; log in again');
    return unauthorized(AUTH_ERRORS.TOKEN_INVALID, 'The token is not valid');
  }
}
