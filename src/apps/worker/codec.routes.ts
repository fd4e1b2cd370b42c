import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { AppState } from '../../shared/infrastructure/http/app.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import { codecEndpoint } from '../../shared/infrastructure/temporal/codec-endpoint.js';
import { AesGcmPayloadCodec, type CodecKeyring } from '../../shared/infrastructure/temporal/payload-codec.js';
import { codecAccess, type WorkerConfig } from './worker.config.js';

/**
 * `/codec/encode` and `/codec/decode` for the Temporal UI and CLI (docs/temporal-codec.md), with
 * the access the config allows: a bearer token, the local UI only, or nobody.
 */
export function codecRoutes(
  config: Pick<WorkerConfig, 'NODE_ENV' | 'TEMPORAL_CODEC_AUTH_TOKEN' | 'TEMPORAL_UI_ORIGINS'>,
  keyring: CodecKeyring,
  logger: Logger,
): { router: Router<AppState>; cors: Middleware<AppState> } {
  const access = codecAccess(config);
  if (access.mode === 'disabled') logger.warn('codec endpoint off: set TEMPORAL_CODEC_AUTH_TOKEN to decode payloads in the Temporal UI');
  return codecEndpoint({ codec: new AesGcmPayloadCodec(keyring), access, uiOrigins: config.TEMPORAL_UI_ORIGINS });
}
