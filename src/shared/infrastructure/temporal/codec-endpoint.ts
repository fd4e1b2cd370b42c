import { createHash, timingSafeEqual } from 'node:crypto';
import cors from '@koa/cors';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { AppState } from '../http/app.js';
import { HttpError } from '../http/errors.js';
import { validate } from '../http/validation.js';
import { PayloadCodecError } from './payload-codec.js';

/**
 * Who may call the codec endpoint (it turns ciphertext into card tokens and addresses):
 *   token        `Authorization: Bearer <TEMPORAL_CODEC_AUTH_TOKEN>` on every call (CLI, a proxy in
 *                front of the Temporal UI); required in production.
 *   loopback-ui  development without a token: only browser calls from a configured Temporal UI
 *                origin, over loopback. Stops other web pages (and other hosts) from decoding; it
 *                is no barrier against other users of the same machine, so set a token there.
 *   disabled     production without a token: every call is refused.
 */
export type CodecAccess = { mode: 'token'; token: string } | { mode: 'loopback-ui' } | { mode: 'disabled' };

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  access: CodecAccess;
  /** Origins of the Temporal UI: CORS answers only them (and loopback-ui lets only them in). */
  uiOrigins: readonly string[];
  /** Mount point; the routes are `<prefix>/encode` and `<prefix>/decode`. */
  prefix?: string;
}

/** More than a page of history events, fewer than could tie the worker up. */
const MAX_PAYLOADS = 1_000;

const base64 = z.base64();
/** A Payload in proto3 JSON: bytes are base64, metadata values too. */
const payloadJson = z.object({
  metadata: z.record(z.string(), base64).nullish(),
  data: base64.nullish(),
});
const payloadsBody = z.object({ payloads: z.array(payloadJson).max(MAX_PAYLOADS) });

/**
 * Temporal's codec-server protocol (`POST /encode`, `POST /decode`, body and answer
 * `{payloads: [{metadata: {k: base64}, data: base64}]}`), so the Temporal UI and CLI can show
 * what the workers encrypted. `cors` goes in createHttpApp's `outermost` so refusals carry CORS
 * headers too (the UI can then tell a refusal from a network error).
 */
export function codecEndpoint(options: CodecEndpointOptions): { router: Router<AppState>; cors: Middleware<AppState> } {
  const prefix = options.prefix ?? '/codec';
  const origins = new Set(options.uiOrigins);
  const authorize = authorization(options.access, origins);

  const router = new Router<AppState>();
  for (const operation of ['encode', 'decode'] as const) {
    router.post(`${prefix}/${operation}`, authorize, async (ctx) => {
      const { payloads } = validate(payloadsBody, ctx.request.body, 'body');
      try {
        const converted = await options.codec[operation](payloads.map(fromJson));
        ctx.body = { payloads: converted.map(toJson) };
      } catch (error) {
        // The protocol answers a payload it cannot convert with a 400.
        if (error instanceof PayloadCodecError) throw new HttpError(400, error.code, error.message);
        throw error;
      }
    });
  }

  const corsMiddleware = cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return ctx.path.startsWith(`${prefix}/`) && origins.has(origin) ? origin : '';
    },
    allowMethods: ['POST'],
    // What the UI sends: its namespace, and its own access token when "pass access token" is on.
    allowHeaders: ['Authorization', 'Authorization-Extras', 'Content-Type', 'X-Namespace', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'WWW-Authenticate'],
    // The UI's "include cross-origin credentials" setting sends cookies; let it.
    credentials: true,
    maxAge: 600,
  });
  return { router, cors: corsMiddleware as Middleware<AppState> };
}

function authorization(access: CodecAccess, origins: ReadonlySet<string>): Middleware<AppState> {
  switch (access.mode) {
    case 'token': {
      const expected = digest(access.token);
      return async (ctx, next) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
        // Digests of equal length, so the comparison takes the same time for any guess.
        if (!match || !timingSafeEqual(digest(match[1]), expected)) {
          throw new HttpError(
            401,
            'CODEC.UNAUTHENTICATED',
            'The codec endpoint needs Authorization: Bearer <TEMPORAL_CODEC_AUTH_TOKEN>',
            undefined,
            {
              'WWW-Authenticate': 'Bearer realm="sagashop-codec"',
            },
          );
        }
        await next();
      };
    }
    case 'loopback-ui':
      return async (ctx, next) => {
        if (!isLoopback(ctx.socket.remoteAddress) || !origins.has(ctx.get('Origin'))) {
          throw new HttpError(
            403,
            'CODEC.FORBIDDEN',
            'Without TEMPORAL_CODEC_AUTH_TOKEN the codec endpoint answers only the Temporal UI ' +
              `(${[...origins].join(', ')}) on this machine`,
          );
        }
        await next();
      };
    case 'disabled':
      return () =>
        Promise.reject(new HttpError(403, 'CODEC.DISABLED', 'The codec endpoint is off: set TEMPORAL_CODEC_AUTH_TOKEN to turn it on'));
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

type PayloadJson = z.infer<typeof payloadJson>;

function fromJson({ metadata, data }: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

function toJson({ metadata, data }: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
    data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
  };
}
